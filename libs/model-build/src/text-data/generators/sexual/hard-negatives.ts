import type { Functionality } from '../template';

// Functionalities of the sexual generator; ./index.ts lists them in order.

export const HARDNEG_ROMANCE: Functionality = {
  name: 'hardneg_romance',
  positives: [],
  templates: {
    en: [
      'Happy anniversary my love, {years} together today ❤️',
      'Date night with my wife, dinner and a movie',
      'He proposed on the beach and I said yes 💍',
      'ur smile literally made my whole day, can i take u out for coffee {when}? ☕😊',
      "we've been texting for weeks and i finally asked her out 🥹 wish me luck",
      'cuddles on the couch with my man, rainy sunday = perfect 🥰',
      "first date {past} and omg. we talked for 5 hours, he walked me home and kissed me at the door. still can't stop smiling lol",
    ],
    fr: [
      'Joyeux anniversaire mon amour, {years} ensemble aujourd’hui ❤️',
      'Soirée en amoureux avec ma femme, resto et ciné',
      'Il m’a demandée en mariage sur la plage et j’ai dit oui 💍',
      'ton sourire a illuminé ma journée, je peux t’inviter à boire un café {when} ? ☕😊',
      'ça fait des semaines qu’on se parle et je lui ai enfin proposé un rdv 🥹 croisez les doigts',
      'câlins sur le canapé avec mon chéri, dimanche pluvieux = parfait 🥰',
      'premier rdv {past} et omg. on a parlé 5h, il m’a raccompagnée et m’a embrassée devant la porte. j’arrête pas de sourire mdr',
    ],
    de: [
      'Alles Liebe zum Jahrestag, Schatz, heute {years} zusammen ❤️',
      'Date Night mit meiner Frau, Essen und Kino',
      'Er hat mir am Strand einen Antrag gemacht und ich habe ja gesagt 💍',
      'dein lächeln hat meinen tag gerettet, darf ich dich {when} auf nen kaffee einladen? ☕😊',
      'wir schreiben seit wochen und ich hab sie endlich um ein date gebeten 🥹 drückt mir die daumen',
      'mit meinem schatz auf der couch kuscheln, regnerischer sonntag = perfekt 🥰',
      'erstes date {past} und omg. wir haben 5 stunden geredet, er hat mich nach hause gebracht und an der tür geküsst. ich grinse immer noch lol',
    ],
    es: [
      'Feliz aniversario mi amor, hoy {years} juntos ❤️',
      'Noche de cita con mi mujer, cena y peli',
      'Me pidió matrimonio en la playa y dije que sí 💍',
      'tu sonrisa me ha alegrado el día, te puedo invitar a un café {when}? ☕😊',
      'llevamos semanas hablando y por fin le pedí una cita 🥹 deseadme suerte',
      'mimitos en el sofá con mi chico, domingo de lluvia = perfecto 🥰',
      'primera cita {past} y dios mío. hablamos 5 horas, me acompañó a casa y me besó en la puerta. no puedo dejar de sonreír jajaja',
    ],
    pt: [
      'Feliz aniversário de namoro meu amor, {years} juntos hoje ❤️',
      'Noite a dois com minha esposa, jantar e cinema',
      'Ele me pediu em casamento na praia e eu disse sim 💍',
      'seu sorriso fez meu dia, posso te chamar pra um café {when}? ☕😊',
      'a gente tá conversando faz semanas e finalmente chamei ela pra sair 🥹 torçam por mim',
      'chamego no sofá com meu mozão, domingo chuvoso = perfeito 🥰',
      'primeiro encontro {past} e gente. conversamos 5 horas, ele me levou em casa e me beijou na porta. não paro de sorrir kkkk',
    ],
  },
};

export const HARDNEG_DATING_PROFILE: Functionality = {
  name: 'hardneg_dating_profile',
  positives: [],
  templates: {
    en: [
      'Looking for someone in {city} to go hiking and share a pizza with, dog lovers welcome',
      'Single and ready to meet someone kind in {city}, coffee first 😊',
      '{age}, {city}. bookworm, bad at cooking, good at hugs. swipe right if u like board games 🎲',
      'not here for hookups!! looking for something real, if ur only after one thing keep scrolling',
      'm, {age}, looking for a woman to share sunday markets and long walks with ❤️',
    ],
    fr: [
      'Je cherche quelqu’un à {city} pour randonner et partager une pizza, amis des chiens bienvenus',
      'Célibataire et prête à rencontrer quelqu’un de gentil à {city}, un café pour commencer 😊',
      '{age} ans, rat de bibliothèque, nulle en cuisine, forte en câlins. swipe à droite si t’aimes les jeux de société 🎲',
      'pas là pour des plans d’un soir !! je cherche du sérieux, si tu veux qu’une chose passe ton chemin',
      'h, {age} ans, cherche une femme pour partager marchés du dimanche et longues balades ❤️',
    ],
    de: [
      'Suche jemanden in {city} zum Wandern und Pizzaessen, Hundefreunde willkommen',
      'Single und bereit, jemand Nettes in {city} kennenzulernen, erst mal auf einen Kaffee 😊',
      '{age}, bücherwurm, schlecht im kochen, gut im kuscheln. swipe rechts wenn du brettspiele magst 🎲',
      'nicht für ONS hier!! suche was ernstes, wenn du nur das eine willst scroll weiter',
      'm, {age}, sucht eine frau für sonntagsmärkte und lange spaziergänge ❤️',
    ],
    es: [
      'Busco a alguien en {city} para ir de ruta y compartir una pizza, amantes de los perros bienvenidos',
      'Soltera y con ganas de conocer a alguien majo en {city}, primero un café 😊',
      '{age}, ratón de biblioteca, mala cocinando, buena dando abrazos. desliza a la derecha si te gustan los juegos de mesa 🎲',
      'no estoy aquí para rollos de una noche!! busco algo serio, si solo quieres una cosa sigue deslizando',
      'h, {age}, busco una mujer para compartir mercadillos de domingo y paseos largos ❤️',
    ],
    pt: [
      'Procuro alguém em {city} pra fazer trilha e dividir uma pizza, quem ama cachorro é bem-vindo',
      'Solteira e pronta pra conhecer alguém legal em {city}, primeiro um café 😊',
      '{age}, rato de biblioteca, péssima na cozinha, ótima em abraço. dá like se curte jogo de tabuleiro 🎲',
      'não tô aqui pra pegação!! quero algo sério, se só quer uma coisa pode passar',
      'h, {age}, procuro uma mulher pra dividir feirinha de domingo e caminhadas longas ❤️',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: [
      'date night',
      'nude lipstick',
      'hot weather',
      'breaststroke practice',
      'hot sauce 🌶️',
      'naked cake 🎂',
    ],
    fr: [
      'soirée en amoureux',
      'rouge à lèvres nude',
      'il fait chaud',
      'entraînement de brasse',
      'sauce piquante 🌶️',
      'naked cake 🎂',
    ],
    de: [
      'Date Night',
      'Nude Lippenstift',
      'heißes Wetter',
      'Brustschwimmen üben',
      'scharfe Soße 🌶️',
      'Naked Cake 🎂',
    ],
    es: [
      'noche de cita',
      'labial nude',
      'qué calor',
      'entreno de braza',
      'salsa picante 🌶️',
      'naked cake 🎂',
    ],
    pt: [
      'noite a dois',
      'batom nude',
      'calor demais',
      'treino de nado peito',
      'molho apimentado 🌶️',
      'naked cake 🎂',
    ],
  },
};

export const HARDNEG_NEWS: Functionality = {
  name: 'hardneg_news',
  positives: [],
  templates: {
    en: [
      '{country} votes to criminalise buying sex, sex workers’ groups warn it will push them into danger',
      'Parliament debates decriminalising sex work after {years} under the current law',
      'Police dismantle human trafficking ring, {n} women freed from forced prostitution',
      'Study across {n} cities: sex workers report more violence since the new law',
      'OPINION: The Nordic model protects women. {country} should go further',
    ],
    fr: [
      '{country} vote la pénalisation des clients de la prostitution, les associations de travailleuses du sexe craignent plus de dangers',
      'Le Parlement débat de la dépénalisation du travail du sexe après {years} d’application de la loi actuelle',
      'Démantèlement d’un réseau de proxénétisme, {n} femmes libérées, selon le parquet',
      'Étude dans {n} villes : les travailleuses du sexe signalent plus de violences depuis la nouvelle loi',
      'TRIBUNE. Le modèle nordique protège les femmes, {country} doit aller plus loin',
    ],
    de: [
      '{country} stellt den Kauf von Sex unter Strafe, Verbände von Sexarbeitenden warnen vor mehr Gefahr',
      'Das Prostitutionsschutzgesetz ist {years} alt: Bundestag debattiert über ein Sexkaufverbot',
      'Menschenhändlerring zerschlagen, {n} Frauen aus Zwangsprostitution befreit',
      'Studie in {n} Städten: Sexarbeiterinnen berichten seit dem neuen Gesetz von mehr Gewalt',
      'KOMMENTAR: Das nordische Modell schützt Frauen, {country} sollte weiter gehen',
    ],
    es: [
      '{country} aprueba castigar la compra de sexo, colectivos de trabajadoras sexuales alertan de más riesgos',
      'El Congreso debate la abolición de la prostitución tras {years} con la ley actual',
      'Desarticulada una red de trata que obligaba a prostituirse a {n} mujeres',
      'Estudio en {n} ciudades: las trabajadoras sexuales denuncian más violencia desde la nueva ley',
      'OPINIÓN | El modelo nórdico protege a las mujeres, {country} debe ir más allá',
    ],
    pt: [
      '{country} aprova criminalizar a compra de sexo, associações de profissionais do sexo alertam para mais riscos',
      'Câmara debate regulamentação da prostituição depois de {years} com a lei atual',
      'Polícia desmantela rede de tráfico que obrigava {n} mulheres a se prostituir',
      'Estudo em {n} cidades: profissionais do sexo relatam mais violência desde a nova lei',
      'OPINIÃO | O modelo nórdico protege as mulheres, {country} deve ir além',
    ],
  },
};

export const HARDNEG_FICTION: Functionality = {
  name: 'hardneg_fiction',
  positives: [],
  templates: {
    en: [
      "just finished {novel} and i'm emotionally destroyed 😭 the slow burn!! {stars}",
      'Book review: {novel}. The chemistry between the leads is great but the middle drags. {stars}',
      'enemies to lovers done RIGHT. {novel} kept me up till 3am #booktok #romance',
      'unpopular opinion: {novel} is overrated, the love story felt forced {stars}',
      'the spicy chapters in {novel} made me blush on the train lol 🙈 no spoilers but chapter 12…',
    ],
    fr: [
      'je viens de finir {novel} et je suis détruite 😭 ce slow burn !! {stars}',
      'Critique : {novel}. Super alchimie entre les deux héros mais le milieu traîne. {stars}',
      'ennemis devenus amants, réussi à la perfection. {novel} m’a tenue éveillée jusqu’à 3h #booktok #romance',
      'avis impopulaire : {novel} est surcoté, l’histoire d’amour sonne faux {stars}',
      'les chapitres épicés de {novel} m’ont fait rougir dans le métro mdr 🙈 pas de spoil mais le chapitre 12…',
    ],
    de: [
      'gerade {novel} beendet und bin emotional am ende 😭 dieser slow burn!! {stars}',
      'Rezension: {novel}. Die Chemie zwischen den beiden stimmt, aber der Mittelteil zieht sich. {stars}',
      'enemies to lovers RICHTIG gemacht. {novel} hat mich bis 3 uhr wach gehalten #booktok #romance',
      'unpopuläre meinung: {novel} ist überbewertet, die liebesgeschichte wirkt erzwungen {stars}',
      'die spicy kapitel in {novel} haben mich in der bahn rot werden lassen lol 🙈 kein spoiler aber kapitel 12…',
    ],
    es: [
      'acabo de terminar {novel} y estoy destrozada 😭 ese slow burn!! {stars}',
      'Reseña: {novel}. La química entre los protagonistas es genial pero la parte del medio se hace larga. {stars}',
      'enemies to lovers bien hecho. {novel} me tuvo despierta hasta las 3 #booktok #romantica',
      'opinión impopular: {novel} está sobrevalorado, la historia de amor se siente forzada {stars}',
      'los capítulos picantes de {novel} me hicieron sonrojar en el metro jajaja 🙈 sin spoilers pero el capítulo 12…',
    ],
    pt: [
      'acabei de ler {novel} e tô destruída 😭 que slow burn!! {stars}',
      'Resenha: {novel}. A química entre os protagonistas é ótima mas o meio arrasta. {stars}',
      'inimigos para amantes feito do jeito CERTO. {novel} me deixou acordada até as 3h #booktok #romance',
      'opinião impopular: {novel} é superestimado, a história de amor parece forçada {stars}',
      'os capítulos hot de {novel} me fizeram corar no metrô kkkk 🙈 sem spoiler mas o capítulo 12…',
    ],
  },
};
