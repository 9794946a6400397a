import type { Functionality } from '../template';

// Functionalities of the threats generator; ./index.ts lists them in order.

export const HARDNEG_GAME: Functionality = {
  name: 'hardneg_game',
  positives: [],
  templates: {
    en: [
      'I killed him three times in {game} lol',
      'we got destroyed in {game} tonight, rematch tomorrow',
      'finally beat the final boss in {game}, took 40 tries',
      "bro i'm gonna murder you in {game} tonight, get ready 😤",
      '1v4 clutch, headshot headshot headshot 🔫 {game} is my life',
      '6 hours in {game}, got camped by the same guy 4 times, finally hunted him down and knifed him. worth it. going to bed',
    ],
    fr: [
      "Je l'ai tué trois fois sur {game} mdr",
      'on s’est fait détruire sur {game} ce soir, revanche demain',
      'enfin battu le boss final de {game}, 40 essais',
      'frérot je vais te massacrer sur {game} ce soir prépare toi 😤',
      'clutch 1v4, headshot headshot headshot 🔫 {game} c’est ma vie',
      '6h sur {game}, le même mec m’a campé 4 fois, j’ai fini par le traquer et le planter au couteau. ça valait le coup. dodo',
    ],
    de: [
      'Hab ihn dreimal in {game} gekillt lol',
      'wurden heute in {game} komplett zerstört, morgen Revanche',
      'endlich den Endboss in {game} besiegt, 40 Versuche',
      'digga ich mach dich heute abend in {game} fertig 😤',
      '1v4 clutch, headshot headshot headshot 🔫 {game} ist mein leben',
      '6 stunden {game}, derselbe typ hat mich 4 mal gecampt, hab ihn endlich gejagt und gemessert. hat sich gelohnt. ab ins bett',
    ],
    es: [
      'Lo maté tres veces en {game} jaja',
      'nos destrozaron en {game} esta noche, revancha mañana',
      'por fin me pasé el jefe final de {game}, 40 intentos',
      'tío esta noche te destrozo en {game}, prepárate 😤',
      'clutch 1v4, tiro en la cabeza x3 🔫 {game} es mi vida',
      '6 horas de {game}, el mismo tío me campeó 4 veces, al final lo cacé y lo acuchillé. mereció la pena. a dormir',
    ],
    pt: [
      'Matei ele três vezes no {game} kkk',
      'fomos destruídos no {game} hoje, revanche amanhã',
      'finalmente zerei o chefão do {game}, 40 tentativas',
      'mano hoje eu te amasso no {game}, se prepara 😤',
      'clutch 1v4, capa capa capa 🔫 {game} é vida',
      '6 horas de {game}, o mesmo cara me campou 4 vezes, finalmente cacei ele e dei facada. valeu a pena. vou dormir',
    ],
  },
};

export const HARDNEG_SPORTS: Functionality = {
  name: 'hardneg_sports',
  positives: [],
  templates: {
    en: [
      "We're going to crush {team} on Saturday",
      'That tackle was brutal but fair, great match',
      'she knocked out her opponent in the second round, new champion',
      'sparring tonight, took a clean right hand and saw stars 😵 coach says keep your guard up 🥊',
      '[Pereira|Makhachev|Topuria] choked him out in round 1 😳 what a submission #UFC',
      'bjj today: 3 chokes and an armbar, my neck is destroyed lol',
      "he's gonna knock him out cold in the 3rd, book it 🥊 fight night",
    ],
    fr: [
      'On va écraser {team} samedi',
      'Ce tacle était rude mais propre, super match',
      'elle a mis KO son adversaire au deuxième round, nouvelle championne',
      'sparring ce soir, j’ai pris une droite propre, j’ai vu 36 chandelles 😵 le coach dit garde haute 🥊',
      '[Ciryl Gane|Benoît Saint-Denis|Topuria] l’a étranglé au premier round 😳 quelle soumission #UFC',
      'jjb aujourd’hui : 3 étranglements et une clé de bras, ma nuque est morte mdr',
      'il va le mettre KO au 3e round, notez-le 🥊 soirée boxe',
    ],
    de: [
      'Am Samstag machen wir {team} platt',
      'Das Foul war hart aber fair, geiles Spiel',
      'sie hat ihre Gegnerin in der zweiten Runde k.o. geschlagen, neue Weltmeisterin',
      'sparring heute, hab ne saubere rechte kassiert und sterne gesehen 😵 trainer sagt deckung hoch 🥊',
      '[Topuria|Makhachev|Pereira] hat ihn in runde 1 abgewürgt 😳 was für ein submission #UFC',
      'bjj heute: 3 würger und ein armhebel, mein nacken ist hinüber lol',
      'der haut ihn in runde 3 k.o., wetten? 🥊 kampfabend',
    ],
    es: [
      'El sábado vamos a aplastar {team}',
      'Esa entrada fue dura pero limpia, partidazo',
      'noqueó a su rival en el segundo asalto, nueva campeona',
      'sparring esta noche, me comí un derechazo limpio y vi las estrellas 😵 el entrenador dice guardia alta 🥊',
      '[Topuria|Makhachev|Pereira] lo estranguló en el primer asalto 😳 vaya sumisión #UFC',
      'bjj hoy: 3 estrangulaciones y una palanca de brazo, tengo el cuello destrozado jaja',
      'lo noquea en el tercero, apuntadlo 🥊 noche de boxeo',
    ],
    pt: [
      'Sábado a gente vai massacrar {team}',
      'Aquela entrada foi dura mas limpa, jogão',
      'ela nocauteou a adversária no segundo round, nova campeã',
      'sparring hoje, tomei um direto limpo e vi estrelas 😵 o treinador falou guarda alta 🥊',
      '[Poatan|Charles do Bronx|Makhachev] finalizou no estrangulamento no primeiro round 😳 #UFC',
      'jiu hoje: 3 estrangulamentos e uma chave de braço, meu pescoço tá acabado kkk',
      'nocauteia no terceiro round, anota aí 🥊 noite de luta',
    ],
  },
};

export const HARDNEG_COOKING: Functionality = {
  name: 'hardneg_cooking',
  positives: [],
  templates: {
    en: [
      'Cut {food} into thin slices and beat the eggs',
      'Chop {food}, then kill the heat and let it rest for 5 minutes',
      'smash {food} with the flat of the knife',
      "kill the lobster quickly with a knife through the head, it's the most humane way",
      "beat the butter and sugar till fluffy then fold in the flour, don't overmix!!",
      'how to butcher a whole chicken in 2 min 🔪 save this #mealprep',
    ],
    fr: [
      'Coupez {food} en fines lamelles et battez les œufs',
      'Hachez {food}, puis coupez le feu et laissez reposer 5 minutes',
      'écrasez {food} avec le plat du couteau',
      'tuez le homard rapidement d’un coup de couteau dans la tête, c’est le plus humain',
      'battre le beurre et le sucre jusqu’à ce que ce soit mousseux puis incorporer la farine, sans trop mélanger !!',
      'comment découper un poulet entier en 2 min 🔪 enregistre #batchcooking',
    ],
    de: [
      '{food} in feine Scheiben schneiden und die Eier schlagen',
      '{food} hacken, dann Herd aus und 5 Minuten ruhen lassen',
      '{food} mit der flachen Messerseite zerdrücken',
      'den hummer schnell mit einem messerstich in den kopf töten, das ist am humansten',
      'butter und zucker schaumig schlagen, dann mehl unterheben, nicht zu lange rühren!!',
      'ganzes hähnchen in 2 min zerlegen 🔪 speichern #mealprep',
    ],
    es: [
      'Corta {food} en rodajas finas y bate los huevos',
      'Pica {food}, apaga el fuego y deja reposar 5 minutos',
      'machaca {food} con la hoja del cuchillo',
      'mata la langosta rápido con un cuchillo en la cabeza, es lo más humano',
      'bate la mantequilla con el azúcar hasta que esté esponjosa y luego incorpora la harina, sin batir de más!!',
      'cómo despiezar un pollo entero en 2 min 🔪 guárdalo #mealprep',
    ],
    pt: [
      'Corte {food} em fatias finas e bata os ovos',
      'Pique {food}, desligue o fogo e deixe descansar 5 minutos',
      'amasse {food} com a lâmina da faca',
      'mate a lagosta rápido com uma faca na cabeça, é o jeito mais humano',
      'bata a manteiga com o açúcar até ficar fofo e depois incorpore a farinha, sem bater demais!!',
      'como destrinchar um frango inteiro em 2 min 🔪 salva aí #marmita',
    ],
  },
};

export const HARDNEG_HYPERBOLE: Functionality = {
  // Violent words as everyday exaggeration (bosses, mums, burgers, wifi), no one at risk.
  name: 'hardneg_hyperbole',
  positives: [],
  templates: {
    en: [
      "I'm gonna kill my boss if this meeting runs late again 😩",
      'I could murder a burger rn',
      'my mum is going to kill me when she sees this grade 💀',
      "if [Jake|my brother|Tom] spoils the finale I'll literally strangle him lol",
      'ugh mondays. hold me back before I throw my laptop out the window 😂',
      'wifi down AGAIN, about to commit a crime 🙃',
      'this playlist slaps so hard it should be illegal',
    ],
    fr: [
      'je vais tuer mon boss si cette réunion déborde encore 😩',
      'je tuerais pour un burger là',
      'ma mère va me tuer quand elle va voir ma note 💀',
      'si [Léa|mon frère|Karim] me spoile la fin je l’étrangle mdr',
      'pff le lundi. retenez-moi avant que je balance mon ordi par la fenêtre 😂',
      'le wifi a ENCORE sauté, je vais commettre un crime 🙃',
      'cette playlist est tellement une tuerie que ça devrait être illégal',
    ],
    de: [
      'ich bring meinen chef um wenn das meeting wieder überzieht 😩',
      'ich könnte morden für nen burger gerade',
      'meine mutter bringt mich um wenn sie die note sieht 💀',
      'wenn [Tim|mein bruder|Jonas] mir das finale spoilert erwürg ich ihn lol',
      'boah montag. haltet mich fest bevor ich den laptop aus dem fenster werfe 😂',
      'wlan SCHON WIEDER weg, ich begeh gleich ein verbrechen 🙃',
      'die playlist ballert so hart, das sollte verboten sein',
    ],
    es: [
      'como la reunión se alargue otra vez mato a mi jefe 😩',
      'mataría por una hamburguesa ahora mismo',
      'mi madre me va a matar cuando vea la nota 💀',
      'si [Pablo|mi hermano|Javi] me hace spoiler del final lo estrangulo jaja',
      'lunes... sujetadme que tiro el portátil por la ventana 😂',
      'se ha vuelto a caer el wifi OTRA VEZ, voy a cometer un crimen 🙃',
      'esta playlist es tan brutal que debería ser ilegal',
    ],
    pt: [
      'vou matar meu chefe se essa reunião passar do horário de novo 😩',
      'mataria por um hambúrguer agora',
      'minha mãe vai me matar quando ver essa nota 💀',
      'se [a Ju|meu irmão|o Thiago] me der spoiler do final eu esgano kkk',
      'segunda-feira. me segura senão eu jogo o notebook pela janela 😂',
      'caiu o wifi DE NOVO, vou cometer um crime 🙃',
      'essa playlist é tão braba que devia ser proibida',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: ['killed it', 'knockout look', 'smash burger', 'beat drop', 'slay queen 💅', 'bombshell look'],
    fr: ['tuerie ce plat', 'look canon', 'smash burger', 'coup de cœur', 'ça tue 🔥', 'une vraie bombe'],
    de: [
      'voll abgeräumt',
      'umwerfender Look',
      'Smash Burger',
      'Schlagzeug geil',
      'Killer Aussicht',
      'Bombenstimmung heute',
    ],
    es: ['lo petaste', 'look de infarto', 'smash burger', 'golpe de suerte', 'qué bombazo', 'lo mataste 💅'],
    pt: ['arrasou demais', 'look matador', 'smash burger', 'golpe de sorte', 'mó bomba', 'matou a pau 💅'],
  },
};
