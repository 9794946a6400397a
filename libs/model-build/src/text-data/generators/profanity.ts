import type { GeneratorSpec } from './template';

/**
 * Profanity: swearing not aimed at anyone (profanity), insults aimed at a person (profanity + harassment),
 * insults without swear words (harassment only), short captions; hard negatives: words that contain a swear
 * substring (the Scunthorpe problem: "Scunthorpe", "Marschmusik", "computadora"), swear words quoted in
 * linguistics, minced oaths ("oh fudge", "mince", "jolines").
 */
export const PROFANITY: GeneratorSpec = {
  name: 'profanity',
  slots: {
    en: {
      swear: ['fuck', 'shit', 'fucking hell', 'holy shit', 'goddammit', 'bloody hell'],
      adj: ['fucking', 'shitty', 'goddamn', 'bloody'],
      thing: ['printer', 'bus', 'wifi', 'traffic', 'weather', 'phone'],
      insult: ['fucking idiot', 'piece of shit', 'dickhead', 'stupid bitch', 'asshole', 'wanker'],
      clean: ['pathetic', 'a worthless loser', 'so stupid', 'a disgrace', 'ugly and boring'],
      name: ['Tom', 'Emma', 'mate', 'dude'],
      word: ['fuck', 'shit', 'bastard', 'bollocks'],
    },
    fr: {
      swear: ['putain', 'merde', 'bordel', 'putain de merde', 'fait chier', 'bordel de merde'],
      adj: ['putain de', 'foutue', 'saloperie de', 'connerie de'],
      thing: ['box', 'connexion', 'clim', 'voiture', 'machine à café', 'télé'],
      insult: ['connard', 'sale con', 'enculé', 'grosse merde', 'pauvre con', 'fils de pute'],
      clean: ['pathétique', 'un raté', 'complètement débile', 'une honte', 'moche et ennuyeux'],
      name: ['Thomas', 'Emma', 'mec', 'frérot'],
      word: ['putain', 'merde', 'con', 'bordel'],
    },
    de: {
      swear: ['Scheiße', 'verdammte Scheiße', 'verdammt nochmal', 'Kacke', 'Fuck', 'Himmel Arsch und Zwirn'],
      adj: ['scheiß', 'verfickte', 'verdammte', 'beschissene'],
      thing: ['Drucker', 'Bus', 'Router', 'Laptop', 'Kühlschrank', 'Fernseher'],
      insult: ['Arschloch', 'Wichser', 'Hurensohn', 'blöde Schlampe', 'Vollidiot', 'Spast'],
      clean: ['erbärmlich', 'ein wertloser Versager', 'so dumm', 'eine Schande', 'hässlich und langweilig'],
      name: ['Tom', 'Lena', 'Alter', 'Digga'],
      word: ['Scheiße', 'Arsch', 'Fotze', 'Mist'],
    },
    es: {
      swear: ['joder', 'me cago en todo', 'hostia', 'coño', 'mierda', 'puta madre'],
      adj: ['puta', 'jodida', 'maldita'],
      thing: ['impresora', 'lavadora', 'tele', 'conexión', 'batería', 'nevera'],
      insult: ['gilipollas', 'hijo de puta', 'cabrón', 'pedazo de mierda', 'imbécil de mierda', 'pendejo'],
      clean: ['patético', 'un fracasado', 'tontísimo', 'una vergüenza', 'feo y aburrido'],
      name: ['Pablo', 'Lucía', 'tío', 'güey'],
      word: ['joder', 'coño', 'gilipollas', 'hostia'],
    },
    pt: {
      swear: ['porra', 'caralho', 'puta que pariu', 'merda', 'foda-se', 'cacete'],
      adj: ['porra de', 'merda de', 'desgraça de', 'bosta de'],
      thing: ['impressora', 'internet', 'geladeira', 'máquina de lavar', 'televisão', 'bateria'],
      insult: ['babaca', 'filho da puta', 'arrombado', 'merda de pessoa', 'otário do caralho', 'corno'],
      clean: ['patético', 'um fracassado', 'burro demais', 'uma vergonha', 'feio e chato'],
      name: ['Pedro', 'Ana', 'mano', 'véi'],
      word: ['porra', 'caralho', 'merda', 'foda-se'],
    },
  },
  functionalities: [
    {
      name: 'profanity_swearing',
      positives: ['profanity'],
      templates: {
        en: [
          '{swear}, the {thing} is broken again',
          'this {adj} {thing} never works',
          '{swear} what a goal!!',
          'missed the {adj} bus, {swear}',
          '{swear}, I burnt the dinner again',
          'what a {adj} day, {swear}',
          '{swear}!! who parked like this',
        ],
        fr: [
          '{swear}, encore la {thing} qui déconne',
          'cette {adj} {thing} marche jamais',
          '{swear} quel but !!',
          "j'ai raté le bus, {swear}",
          "{swear}, j'ai encore cramé le dîner",
          'quelle {adj} journée, {swear}',
          '{swear} !! qui s’est garé comme ça',
        ],
        de: [
          '{swear}, der {thing} ist schon wieder kaputt',
          'dieser {adj} {thing} funktioniert nie',
          '{swear} was für ein Tor!!',
          'den Bus verpasst, {swear}',
          '{swear}, schon wieder das Essen anbrennen lassen',
          'was für ein Scheißtag, {swear}',
          '{swear}!! wer parkt denn so',
        ],
        es: [
          '{swear}, otra vez se ha roto la {thing}',
          'la {adj} {thing} nunca funciona',
          '{swear} qué golazo!!',
          'he perdido el bus, {swear}',
          '{swear}, se me ha vuelto a quemar la cena',
          'qué puto día, {swear}',
          '{swear}!! quién ha aparcado así',
        ],
        pt: [
          '{swear}, a {thing} quebrou de novo',
          'essa {adj} {thing} nunca funciona',
          '{swear} que golaço!!',
          'perdi o ônibus, {swear}',
          '{swear}, queimei o jantar de novo',
          'que dia de merda, {swear}',
          '{swear}!! quem estacionou assim',
        ],
      },
    },
    {
      name: 'profanity_insult_person',
      positives: ['profanity', 'harassment'],
      templates: {
        en: [
          "you're a {insult}, {name}",
          'shut up you {insult}',
          'nobody asked you, {insult}',
          '{name} is such a {insult}',
          'get lost {name}, you {insult}',
          'lol {name} you absolute {insult}',
        ],
        fr: [
          "t'es qu'un {insult}, {name}",
          'ferme ta gueule {insult}',
          "personne t'a rien demandé, {insult}",
          '{name} est vraiment un {insult}',
          'dégage {name}, espèce de {insult}',
          'mdr {name} va te faire voir, {insult}',
        ],
        de: [
          'du bist so ein {insult}, {name}',
          'halt die Fresse du {insult}',
          'dich hat keiner gefragt, {insult}',
          '{name} ist echt ein {insult}',
          'verpiss dich {name}, du {insult}',
          'lol {name}, echt jetzt, du {insult}',
        ],
        es: [
          'eres un {insult}, {name}',
          'cállate ya {insult}',
          'nadie te ha preguntado, {insult}',
          '{name} es un {insult}',
          'lárgate {name}, {insult}',
          'jaja {name} menudo {insult}',
        ],
        pt: [
          'você é um {insult}, {name}',
          'cala a boca seu {insult}',
          'ninguém te perguntou, {insult}',
          '{name} é um {insult}',
          'some daqui {name}, seu {insult}',
          'kkk {name} que {insult}',
        ],
      },
    },
    {
      name: 'harassment_insult_clean',
      positives: ['harassment'],
      templates: {
        en: [
          '{name}, you are {clean} and everyone knows it',
          'honestly you are {clean}, just leave the group',
        ],
        fr: ['{name}, tu es {clean} et tout le monde le sait', 'franchement t’es {clean}, quitte le groupe'],
        de: [
          '{name}, du bist {clean} und alle wissen es',
          'ehrlich, du bist {clean}, verlass einfach die Gruppe',
        ],
        es: ['{name}, eres {clean} y todo el mundo lo sabe', 'de verdad eres {clean}, vete del grupo'],
        pt: ['{name}, você é {clean} e todo mundo sabe', 'sério, você é {clean}, sai do grupo'],
      },
    },
    {
      name: 'profanity_short_caption',
      positives: ['profanity'],
      templates: {
        en: ['{swear} mondays', 'fuck this', 'holy shit', '{swear}'],
        fr: ['{swear} de lundi', 'fait chier', 'putain mec', '{swear}'],
        de: ['{swear} Montag', 'Scheiße Mann', 'verdammte Kacke', '{swear}'],
        es: ['{swear} lunes', 'joder tío', 'me cago en todo', '{swear}'],
        pt: ['{swear} segunda', 'porra mano', 'puta merda', '{swear}'],
      },
    },
    {
      name: 'hardneg_scunthorpe',
      positives: [],
      templates: {
        en: [
          'Scunthorpe United won 2-1 at Penistone',
          "Played Assassin's Creed all night with a classic cocktail",
          'Sussex cockpit tour with the therapist from Middlesex',
        ],
        fr: [
          'Salade de concombre et conseil du chef à Conakry',
          'Cette dispute sur le bitcoin m’a mis dans un état piteux',
          'Visite du Connecticut avec mon conseiller',
        ],
        de: [
          'Barschfilet und Marschmusik beim Dorffest',
          'Mistelzweige über der Tür, Fickmühle beim Mühlespiel gebaut',
          'Urlaub in Fugging, das bis 2021 Fucking hieß, in Oberösterreich',
        ],
        es: [
          'El diputado ganó la disputa con su computadora nueva',
          'Pollo asado y coñac en la pollería de la esquina',
          'El imputado habló del cómputo de votos',
        ],
        pt: [
          'O deputado ganhou a disputa no computador novo',
          'Cuidado com o curso de Cuba, diz o professor',
          'Pau-brasil é a árvore nacional, aula de hoje',
        ],
      },
    },
    {
      name: 'hardneg_linguistics_quote',
      positives: [],
      templates: {
        en: [
          'The word "{word}" has been recorded in English since the 15th century, says the etymology lecture',
          'Why do children learn "{word}" before other words? A linguist explains',
        ],
        fr: [
          'Le mot « {word} » est attesté en français depuis le Moyen Âge, explique la linguiste',
          'Pourquoi « {word} » est-il le juron préféré des Français ? Une linguiste répond',
        ],
        de: [
          'Das Wort „{word}“ ist seit dem Mittelalter belegt, erklärt die Sprachwissenschaftlerin',
          'Warum ist „{word}“ das beliebteste Schimpfwort der Deutschen? Eine Linguistin erklärt',
        ],
        es: [
          'La palabra «{word}» está documentada en español desde la Edad Media, explica la lingüista',
          '¿Por qué «{word}» es la palabrota favorita en España? Una lingüista responde',
        ],
        pt: [
          'A palavra "{word}" aparece em português desde a Idade Média, explica a linguista',
          'Por que "{word}" é o palavrão preferido dos brasileiros? Uma linguista explica',
        ],
      },
    },
    {
      name: 'hardneg_minced_oath',
      positives: [],
      templates: {
        en: ['oh fudge, forgot my keys again', 'gosh darn it, the {thing} is down'],
        fr: ['mince alors, j’ai encore oublié mes clés', 'zut, la {thing} ne marche plus'],
        de: ['Menno, schon wieder die Schlüssel vergessen', 'ach herrje, der {thing} geht nicht'],
        es: ['jolines, otra vez me olvidé las llaves', 'ostras, la {thing} no va'],
        pt: ['caramba, esqueci as chaves de novo', 'nossa, a {thing} não funciona'],
      },
    },
    {
      name: 'hardneg_reported_swearing',
      positives: [],
      templates: {
        en: [
          'Please keep the comments civil, posts with words like "{word}" will be removed',
          'Our swear jar made £40 this month, donating it to the food bank',
        ],
        fr: [
          'Merci de rester courtois, les messages avec des mots comme « {word} » seront supprimés',
          'La boîte à gros mots a récolté 40 € ce mois-ci, on les donne aux Restos du cœur',
        ],
        de: [
          'Bitte bleibt höflich, Beiträge mit Wörtern wie „{word}“ werden gelöscht',
          'Unsere Fluchkasse hat diesen Monat 40 € eingebracht, geht an die Tafel',
        ],
        es: [
          'Por favor, comentarios respetuosos: se borrarán los mensajes con palabras como «{word}»',
          'El bote de las palabrotas juntó 40 € este mes, los donamos al banco de alimentos',
        ],
        pt: [
          'Por favor, mantenham o respeito: posts com palavras como "{word}" serão removidos',
          'O pote do palavrão juntou R$ 40 este mês, vamos doar para o banco de alimentos',
        ],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['cocktail hour', 'Scunthorpe today', 'Dick Van Dyke', 'classic assassin'],
        fr: ['concombre frais', 'bon conseil', 'conférence demain', 'voyage au Connecticut'],
        de: ['Marschmusik heute', 'Barschfilet lecker', 'Mistelzweig', 'Schwanensee'],
        es: ['pollo asado', 'disputa final', 'computadora nueva', 'ostras frescas'],
        pt: ['cuidado frágil', 'disputa final', 'computador novo', 'pau-brasil'],
      },
    },
  ],
};
