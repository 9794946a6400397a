{
  "targets": [
    {
      "target_name": "vigil_pdq",
      "sources": ["native/addon.cc", "native/pdq_core.cc", "native/mih_index.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-ffp-contract=off", "-fno-fast-math"],
      "conditions": [["target_arch=='x64'", {"cflags_cc": ["-mpopcnt"]}]]
    }
  ]
}
