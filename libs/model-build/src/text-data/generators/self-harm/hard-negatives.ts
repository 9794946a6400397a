import type { Functionality } from '../template';

// Functionalities of the self-harm generator; ./index.ts lists them in order.

export const HARDNEG_RECOVERY: Functionality = {
  name: 'hardneg_recovery',
  positives: [],
  templates: {
    en: [
      '{dur} free from self-harm today 💪',
      'I used to want to die. Therapy saved my life, keep going',
      'Recovery is not linear but {dur} later I am still here',
      "{n} days clean from self harm today!! never thought i'd make it 🥹 #recovery",
      'my scars have faded and i wear t-shirts again. if ur struggling, it does get better ❤️',
      "relapsed once last year but didn't give up. {dur} clean now, proud of myself",
    ],
    fr: [
      '{dur} sans me faire de mal aujourd’hui 💪',
      "Avant je voulais mourir. La thérapie m'a sauvé, tenez bon",
      'La guérison prend du temps mais {dur} après je suis toujours là',
      '{n} jours sans me scarifier aujourd’hui !! j’y croyais pas 🥹 #guérison',
      'mes cicatrices ont pâli et je remets des t-shirts. si t’es dans le dur, ça va mieux un jour ❤️',
      "j'ai rechuté une fois l'an dernier mais j'ai pas lâché. {dur} clean maintenant, fière de moi",
    ],
    de: [
      'Heute {dur} ohne Selbstverletzung 💪',
      'Früher wollte ich sterben. Die Therapie hat mich gerettet, haltet durch',
      'Heilung ist nicht linear, aber {dur} später bin ich noch da',
      'heute {n} tage ritzfrei!! hätte nie gedacht dass ich das schaffe 🥹 #recovery',
      'meine narben sind verblasst und ich trag wieder t-shirts. wenn’s dir grad schlecht geht, es wird besser ❤️',
      'bin letztes jahr einmal rückfällig geworden aber hab nicht aufgegeben. jetzt {dur} clean, bin stolz auf mich',
    ],
    es: [
      'Hoy hace {dur} sin autolesionarme 💪',
      'Antes quería morirme. La terapia me salvó, seguid adelante',
      'La recuperación no es lineal pero {dur} después sigo aquí',
      'hoy {n} días sin autolesionarme!! nunca pensé [q|que] lo lograría 🥹 #recuperacion',
      'mis cicatrices ya casi no se ven y vuelvo a llevar manga corta. si lo estás pasando mal, mejora ❤️',
      'recaí una vez el año pasado pero no me rendí. ya llevo {dur} limpia, orgullosa de mí',
    ],
    pt: [
      'Hoje faz {dur} sem me machucar 💪',
      'Eu já quis morrer. A terapia me salvou, continuem firmes',
      'A recuperação não é linear mas {dur} depois ainda estou aqui',
      '[hj|hoje] faz {n} dias sem me machucar!! nunca achei [q|que] ia conseguir 🥹 #recuperação',
      'minhas cicatrizes clarearam e voltei a usar manga curta. se vc tá mal, melhora sim ❤️',
      'tive uma recaída ano passado mas não desisti. {dur} limpa agora, orgulhosa de mim',
    ],
  },
};

export const HARDNEG_HELP_SEEKING: Functionality = {
  name: 'hardneg_help_seeking',
  positives: [],
  templates: {
    en: [
      "If you're having thoughts of suicide, please call {help}",
      'How do I support a friend who self-harms?',
      'Where can I find a therapist who takes my insurance?',
      'my friend keeps posting about wanting to die, what do i do?? [pls|please] help',
      'if u need to talk my dms are open, no judgement ❤️ you can also call {help}',
      'finally told my therapist about the dark thoughts. scary but i feel lighter',
    ],
    fr: [
      'Si tu as des idées suicidaires, appelle {help}',
      'Comment aider une amie qui se fait du mal ?',
      'Où trouver un psy remboursé près de chez moi ?',
      'mon pote arrête pas de poster qu’il veut mourir, je fais quoi ?? aidez moi',
      'si t’as besoin de parler mes dm sont ouverts, zéro jugement ❤️ tu peux aussi appeler {help}',
      "j'ai enfin parlé de mes idées noires à ma psy. ça faisait peur mais je me sens plus légère",
    ],
    de: [
      'Wenn du Suizidgedanken hast, ruf bitte {help} an',
      'Wie unterstütze ich eine Freundin, die sich selbst verletzt?',
      'Wo finde ich einen Therapieplatz mit Kassenzulassung?',
      'meine freundin postet ständig dass sie sterben will, was soll ich tun?? bitte helft mir',
      'wenn du reden willst meine dms sind offen, ohne urteil ❤️ du kannst auch {help} anrufen',
      'hab meiner therapeutin endlich von den dunklen gedanken erzählt. war beängstigend aber ich fühl mich leichter',
    ],
    es: [
      'Si tienes pensamientos suicidas, llama a {help}',
      '¿Cómo ayudo a una amiga que se autolesiona?',
      '¿Dónde encuentro un psicólogo que cubra la seguridad social?',
      'mi amigo no para de publicar que se quiere morir, qué hago?? ayuda porfa',
      'si necesitas hablar tengo los md abiertos, sin juzgar ❤️ también tienes {help}',
      'por fin le conté a mi psicóloga lo de los pensamientos oscuros. daba miedo pero me siento más ligera',
    ],
    pt: [
      'Se você tem pensamentos suicidas, ligue para {help}',
      'Como ajudar uma amiga que se machuca?',
      'Onde encontro um psicólogo pelo SUS?',
      'meu amigo não para de postar que quer morrer, o que eu faço?? me ajudem',
      'se precisar conversar minha dm tá aberta, sem julgamento ❤️ vc [tb|também] pode ligar para {help}',
      'finalmente contei pra minha psicóloga sobre os pensamentos ruins. deu medo mas tô me sentindo mais leve',
    ],
  },
};

export const HARDNEG_NEWS: Functionality = {
  name: 'hardneg_news',
  positives: [],
  templates: {
    en: [
      'Suicide rates among {group} rose {n}% last year, a new study finds',
      'The ministry launches a suicide prevention campaign for {group}',
      'Charity reports record calls to its helpline, many of them from {group}',
      'New app connects {group} at risk of self-harm with counsellors, {n} schools join the pilot',
      'Study: social media bans did not reduce self-harm among {group}',
    ],
    fr: [
      'Le taux de suicide chez les {group} a augmenté de {n} % l’an dernier, selon une étude',
      'Le ministère lance une campagne de prévention du suicide auprès des {group}',
      'Une association signale un record d’appels sur sa ligne d’écoute, beaucoup venant des {group}',
      'Une appli met en lien les {group} à risque d’automutilation avec des psychologues, {n} lycées testent',
      'Étude : interdire les réseaux sociaux n’a pas réduit l’automutilation chez les {group}',
    ],
    de: [
      'Die Suizidrate bei {group} ist laut einer Studie um {n} % gestiegen',
      'Das Ministerium startet eine Kampagne zur Suizidprävention bei {group}',
      'Verein meldet Rekord an Anrufen beim Sorgentelefon, viele davon von {group}',
      'Neue App hilft {group} mit Selbstverletzungsrisiko, Beratung zu finden, {n} Schulen testen sie',
      'Studie: Social-Media-Verbote haben Selbstverletzung bei {group} nicht verringert',
    ],
    es: [
      'La tasa de suicidio entre {group} subió un {n} % el año pasado, según un estudio',
      'El ministerio lanza una campaña de prevención del suicidio para {group}',
      'Una ONG registra un récord de llamadas a su línea de ayuda, muchas de {group}',
      'Una app conecta a {group} en riesgo de autolesión con psicólogos, {n} institutos se suman',
      'Estudio: prohibir las redes sociales no redujo las autolesiones entre {group}',
    ],
    pt: [
      'A taxa de suicídio entre {group} subiu {n}% no ano passado, diz estudo',
      'O ministério lança campanha de prevenção ao suicídio para {group}',
      'ONG registra recorde de ligações na linha de apoio, muitas de {group}',
      'App conecta {group} em risco de automutilação a psicólogos, {n} escolas aderem',
      'Estudo: proibir redes sociais não reduziu a automutilação entre {group}',
    ],
  },
};

export const HARDNEG_HYPERBOLE: Functionality = {
  name: 'hardneg_hyperbole',
  positives: [],
  templates: {
    en: [
      '{hyper} is killing me',
      "I'm dying of laughter at this",
      'ugh {hyper}, just shoot me now lol',
      'I could literally die of embarrassment',
      'left my airpods on the bus, [kms|i want to die] 😭',
      'one more group project and i swear im jumping out the window lol',
    ],
    fr: [
      '{hyper} me tue',
      'Je suis mort de rire',
      'pff {hyper}, achevez-moi mdr',
      'je pourrais mourir de honte',
      "j'ai laissé mes airpods dans le bus, je me tire une balle 😭",
      'encore un exposé de groupe et je me jette par la fenêtre mdr',
    ],
    de: [
      '{hyper} bringt mich um',
      'Ich sterbe vor Lachen',
      'boah {hyper}, erschießt mich einfach lol',
      'ich könnte vor Scham sterben',
      'airpods im bus liegen lassen, ich bring mich um 😭',
      'noch ein gruppenreferat und ich spring aus dem fenster lol',
    ],
    es: [
      '{hyper} me está matando',
      'Me muero de risa con esto',
      'uf {hyper}, que alguien me dispare jaja',
      'me muero de vergüenza',
      'me dejé los airpods en el bus, me quiero morir 😭',
      'un trabajo en grupo más y me tiro por la ventana jajaja',
    ],
    pt: [
      '{hyper} está me matando',
      'Morri de rir com isso',
      'aff {hyper}, me mata logo kkk',
      'quase morri de vergonha',
      'esqueci meus fones no ônibus, vou me matar 😭',
      'mais um trabalho em grupo e eu me jogo da janela kkkkk',
    ],
  },
};

export const HARDNEG_PLANS: Functionality = {
  // Everyday plans and before/after posts with the intent templates' own time phrases ({when}), so
  // that "tonight", "after work" or "before my birthday" carry no weight of their own.
  name: 'hardneg_plans',
  positives: [],
  templates: {
    en: [
      'pizza and a movie {when} 🍕',
      'see you at the gym {when}',
      'cutting my hair {when}, wish me luck',
      'before and after: my balcony garden 🌱',
      'me before the holidays vs me after the holidays',
      'saying goodbye to my old car {when}, 12 years together 🚗',
      'giving away all my old books {when}, dm if u want any 📚',
      'cutting the cake {when} 🎂 finally 30',
    ],
    fr: [
      'pizza et film {when} 🍕',
      'on se voit à la salle {when}',
      'je me coupe les cheveux {when}, souhaitez-moi bonne chance',
      'avant / après : mon balcon fleuri 🌱',
      'moi avant les vacances vs moi après les vacances',
      'je dis adieu à ma vieille voiture {when}, 12 ans ensemble 🚗',
      'je donne tous mes vieux livres {when}, dm si ça vous intéresse 📚',
      'on coupe le gâteau {when} 🎂 enfin 30 ans',
    ],
    de: [
      'Pizza und Film {when} 🍕',
      'wir sehen uns im Fitnessstudio {when}',
      'ich lasse mir {when} die Haare schneiden, drückt mir die Daumen',
      'vorher und nachher: mein Balkongarten 🌱',
      'ich vor dem Urlaub vs ich nach dem Urlaub',
      'ich verabschiede mich {when} von meinem alten auto, 12 jahre zusammen 🚗',
      'verschenke {when} alle meine alten bücher, schreibt mir 📚',
      'wir schneiden {when} die torte an 🎂 endlich 30',
    ],
    es: [
      'pizza y peli {when} 🍕',
      'nos vemos en el gimnasio {when}',
      'me corto el pelo {when}, deseadme suerte',
      'antes y después: mi jardín del balcón 🌱',
      'yo antes de las vacaciones vs yo después de las vacaciones',
      'me despido de mi coche viejo {when}, 12 años juntos 🚗',
      'regalo todos mis libros viejos {when}, escribidme si queréis alguno 📚',
      'partimos la tarta {when} 🎂 por fin 30',
    ],
    pt: [
      'pizza e filme {when} 🍕',
      'te vejo na academia {when}',
      'vou cortar o cabelo {when}, me desejem sorte',
      'antes e depois: meu jardim na varanda 🌱',
      'eu antes das férias vs eu depois das férias',
      'me despeço do meu carro velho {when}, 12 anos juntos 🚗',
      'vou doar todos os meus livros velhos {when}, me chama se quiser 📚',
      'vamos cortar o bolo {when} 🎂 finalmente 30',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: ['dead tired', 'killer workout', 'dying lol', 'sunset vibes', 'killing it 💅', 'cut my bangs'],
    fr: [
      'mort de fatigue',
      'séance de tueur',
      'je meurs mdr',
      'coucher de soleil',
      'à tomber 💅',
      'frange coupée',
    ],
    de: [
      'todmüde heute',
      'Killer-Workout',
      'sterbe lol',
      'Sonnenuntergang pur',
      'zum Sterben schön 💅',
      'Pony geschnitten',
    ],
    es: [
      'muerto de sueño',
      'entreno brutal',
      'me muero jaja',
      'atardecer precioso',
      'de muerte 💅',
      'flequillo cortado',
    ],
    pt: [
      'morto de cansaço',
      'treino matador',
      'morri kkk',
      'pôr do sol',
      'lindo de morrer 💅',
      'franja cortada',
    ],
  },
};
