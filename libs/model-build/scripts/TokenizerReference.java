// Prints the token ids that Hugging Face's Rust `tokenizers` crate (through DJL's JNI binding) produces
// for each line of a text file, as JSON: the reference our Node tokenizer is tested against.
// Run by scripts/tokenizer-reference.sh; needs the `tokenizer-reference` Maven profile's jars.
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class TokenizerReference {
  public static void main(String[] args) throws Exception {
    HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
        .optTokenizerPath(Path.of(args[0]))
        .optAddSpecialTokens(true)
        .optPadding(false)
        .optTruncation(false)
        .build();
    List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder("{\n  \"reference\": \"Hugging Face tokenizers (Rust) via ai.djl.huggingface:tokenizers\",\n  \"cases\": [\n");
    for (int i = 0; i < lines.size(); i++) {
      Encoding e = tokenizer.encode(lines.get(i));
      out.append("    {\"text\": ").append(json(lines.get(i))).append(", \"ids\": [");
      long[] ids = e.getIds();
      for (int j = 0; j < ids.length; j++) out.append(j == 0 ? "" : ", ").append(ids[j]);
      out.append("]}").append(i + 1 < lines.size() ? ",\n" : "\n");
    }
    out.append("  ]\n}\n");
    System.out.print(out);
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x2000 && c <= 0x206f) || c == 0xfeff)
        b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
