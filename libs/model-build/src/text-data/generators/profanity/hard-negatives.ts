import type { Functionality } from '../template';

// Functionalities of the profanity generator; ./index.ts lists them in order.

export const HARDNEG_SCUNTHORPE: Functionality = {
  name: 'hardneg_scunthorpe',
  positives: [],
  templates: {
    en: [
      'Scunthorpe United won 2-1 at Penistone',
      "Played Assassin's Creed all night with a classic cocktail",
      'Sussex cockpit tour with the therapist from Middlesex',
      'the cocker spaniel ate all my shiitake mushrooms 🐶',
      'Went hiking near Penistone and Cockermouth this weekend',
    ],
    fr: [
      'Salade de concombre et conseil du chef à Conakry',
      'Cette dispute sur le bitcoin m’a mis dans un état piteux',
      'Visite du Connecticut avec mon conseiller',
      'La députée habite à Concarneau depuis dix ans',
      'Excellent calcul du conducteur, sa réputation n’est plus à faire',
    ],
    de: [
      'Barschfilet und Marschmusik beim Dorffest',
      'Mistelzweige über der Tür, Fickmühle beim Mühlespiel gebaut',
      'Urlaub in Fugging, das bis 2021 Fucking hieß, in Oberösterreich',
      'Die Analystin wohnt in Pissen, einem Ortsteil von Leuna',
      'Nach der Sauna noch ein Barsch vom Grill am Marschweg',
    ],
    es: [
      'El diputado ganó la disputa con su computadora nueva',
      'Pollo asado y coñac en la pollería de la esquina',
      'El imputado habló del cómputo de votos',
      'Vi una película sobre el cálculo del vehículo eléctrico',
      'Fin de semana en Villapene con coñac en la sobremesa',
    ],
    pt: [
      'O deputado ganhou a disputa no computador novo',
      'Cuidado com o curso de Cuba, diz o professor',
      'Pau-brasil é a árvore nacional, aula de hoje',
      'Picanha na chapa e rolamento novo na bike',
      'Passei no vestibular pra computação na Unicamp',
    ],
  },
};

export const HARDNEG_LINGUISTICS_QUOTE: Functionality = {
  name: 'hardneg_linguistics_quote',
  positives: [],
  templates: {
    en: [
      'The word "{word}" has been recorded in English since the 15th century, says the etymology lecture',
      'Why do children learn "{word}" before other words? A linguist explains',
      'TIL "{word}" was once a perfectly polite word. language is wild',
      'My thesis is on how teenagers use "{word}" as a filler word. 40 pages in',
      'In the new dictionary edition, "{word}" gets a longer entry than "love". Interesting choice',
    ],
    fr: [
      'Le mot « {word} » est attesté en français depuis le Moyen Âge, explique la linguiste',
      'Pourquoi « {word} » est-il le juron préféré des Français ? Une linguiste répond',
      'Appris aujourd’hui que « {word} » était autrefois un mot tout à fait poli. la langue c’est fou',
      'Mon mémoire porte sur « {word} » comme ponctuation chez les ados. 40 pages déjà',
      'Dans la nouvelle édition du dictionnaire, « {word} » a une entrée plus longue que « amour ». Intéressant',
    ],
    de: [
      'Das Wort „{word}“ ist seit dem Mittelalter belegt, erklärt die Sprachwissenschaftlerin',
      'Warum ist „{word}“ das beliebteste Schimpfwort der Deutschen? Eine Linguistin erklärt',
      'Heute gelernt: „{word}“ war früher ein ganz höfliches Wort. Sprache ist wild',
      'Meine Masterarbeit behandelt „{word}“ als Füllwort bei Jugendlichen. 40 Seiten geschafft',
      'Im neuen Duden hat „{word}“ einen längeren Eintrag als „Liebe“. Spannend',
    ],
    es: [
      'La palabra «{word}» está documentada en español desde la Edad Media, explica la lingüista',
      '¿Por qué «{word}» es la palabrota favorita en España? Una lingüista responde',
      'Hoy aprendí que «{word}» antes era una palabra educada. el idioma es una locura',
      'Mi TFG trata del uso de «{word}» como muletilla entre adolescentes. 40 páginas ya',
      'En la nueva edición del diccionario, «{word}» tiene una entrada más larga que «amor». Curioso',
    ],
    pt: [
      'A palavra "{word}" aparece em português desde a Idade Média, explica a linguista',
      'Por que "{word}" é o palavrão preferido dos brasileiros? Uma linguista explica',
      'Hoje aprendi que "{word}" já foi uma palavra educada. a língua é doida',
      'Meu TCC é sobre o uso de "{word}" como vírgula entre adolescentes. 40 páginas já',
      'Na nova edição do dicionário, "{word}" tem um verbete maior que "amor". Curioso',
    ],
  },
};

export const HARDNEG_MINCED_OATH: Functionality = {
  name: 'hardneg_minced_oath',
  positives: [],
  templates: {
    en: [
      'oh fudge, forgot my keys again',
      'gosh darn it, the {thing} is down',
      'oh for crying out loud, the {thing} again',
      'shoot, missed the bus by [10|5|20] seconds',
      'frick, exam tomorrow and I haven’t even started 😅',
    ],
    fr: [
      'mince alors, j’ai encore oublié mes clés',
      'zut, la {thing} ne marche plus',
      'punaise, encore la {thing} en panne',
      'zut de zut, bus raté de [10|5|20] secondes',
      'purée, exam demain et j’ai même pas commencé 😅',
    ],
    de: [
      'Menno, schon wieder die Schlüssel vergessen',
      'ach herrje, der {thing} geht nicht',
      'Mensch Meier, schon wieder der {thing}',
      'verflixt, Bus um [10|5|20] Sekunden verpasst',
      'ach du meine Güte, morgen Prüfung und ich hab noch nicht mal angefangen 😅',
    ],
    es: [
      'jolines, otra vez me olvidé las llaves',
      'ostras, la {thing} no va',
      'recórcholis, otra vez la {thing}',
      'miércoles, perdí el bus por [10|5|20] segundos',
      'jopé, examen mañana y no he empezado 😅',
    ],
    pt: [
      'caramba, esqueci as chaves de novo',
      'nossa, a {thing} não funciona',
      'caraca, a {thing} de novo',
      'putz, perdi o ônibus por [10|5|20] segundos',
      'eita, prova amanhã e eu nem comecei 😅',
    ],
  },
};

export const HARDNEG_REPORTED_SWEARING: Functionality = {
  name: 'hardneg_reported_swearing',
  positives: [],
  templates: {
    en: [
      'Please keep the comments civil, posts with words like "{word}" will be removed',
      'Our swear jar made £40 this month, donating it to the food bank',
      'my 4yo just said "{word}" at nursery and now I have a meeting with the teacher 😭',
      'according to the match report, he was sent off for saying "{word}" to the linesman',
      'bleeped version please, my grandma watches this channel',
    ],
    fr: [
      'Merci de rester courtois, les messages avec des mots comme « {word} » seront supprimés',
      'La boîte à gros mots a récolté 40 € ce mois-ci, on les donne aux Restos du cœur',
      'mon fils de 4 ans a dit « {word} » à la crèche et maintenant j’ai rendez-vous avec la directrice 😭',
      'selon le rapport, l’arbitre l’a expulsé pour avoir dit « {word} » au juge de touche',
      'version bipée svp, ma grand-mère regarde cette chaîne',
    ],
    de: [
      'Bitte bleibt höflich, Beiträge mit Wörtern wie „{word}“ werden gelöscht',
      'Unsere Fluchkasse hat diesen Monat 40 € eingebracht, geht an die Tafel',
      'mein 4-Jähriger hat in der Kita „{word}“ gesagt und jetzt hab ich ein Elterngespräch 😭',
      'laut Spielbericht flog er vom Platz, weil er „{word}“ zum Linienrichter gesagt hat',
      'bitte mit Piepton, meine Oma schaut den Kanal',
    ],
    es: [
      'Por favor, comentarios respetuosos: se borrarán los mensajes con palabras como «{word}»',
      'El bote de las palabrotas juntó 40 € este mes, los donamos al banco de alimentos',
      'mi hijo de 4 años dijo «{word}» en la guarde y ahora tengo tutoría 😭',
      'según el acta, el árbitro lo expulsó por decirle «{word}» al linier',
      'versión con pitido porfa, mi abuela ve este canal',
    ],
    pt: [
      'Por favor, mantenham o respeito: posts com palavras como "{word}" serão removidos',
      'O pote do palavrão juntou R$ 40 este mês, vamos doar para o banco de alimentos',
      'meu filho de 4 anos falou "{word}" na creche e agora tenho reunião com a coordenação 😭',
      'segundo a súmula, o juiz expulsou ele por falar "{word}" pro bandeirinha',
      'versão com bipe por favor, minha avó assiste esse canal',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: ['cocktail hour', 'Scunthorpe today', 'Dick Van Dyke', 'classic assassin', 'shiitake risotto'],
    fr: ['concombre frais', 'bon conseil', 'conférence demain', 'voyage au Connecticut', 'députée locale'],
    de: ['Marschmusik heute', 'Barschfilet lecker', 'Mistelzweig', 'Schwanensee', 'Saunaabend heute'],
    es: ['pollo asado', 'disputa final', 'computadora nueva', 'ostras frescas', 'película nueva'],
    pt: ['cuidado frágil', 'disputa final', 'computador novo', 'pau-brasil', 'picanha hoje'],
  },
};
