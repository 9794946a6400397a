import type { Functionality } from '../template';

// Functionalities of the harassment generator; ./index.ts lists them in order.

export const HARDNEG_FRIENDLY_TEASING: Functionality = {
  name: 'hardneg_friendly_teasing',
  positives: [],
  templates: {
    en: [
      '{friend} you absolute nerd, reading on holiday again 📚😂 love you',
      'happy birthday to my favourite weirdo {friend} 🥳 thanks for putting up with me for 10 years',
      'can’t believe {friend} burned the toast AGAIN 😂 chef of the year. proud of you for trying tho ❤️',
      '{friend} thinks she can sing 🎤😂 (she kind of can, don’t tell her)',
      'my little brother beat me at [chess|Mario Kart|cards] and won’t stop gloating 🙄 so proud of the little genius',
    ],
    fr: [
      '{friend} espèce de geek, encore en train de lire en vacances 📚😂 je t’aime',
      'joyeux anniversaire à ma zinzin préférée {friend} 🥳 merci de me supporter depuis 10 ans',
      '{friend} a ENCORE cramé les toasts 😂 cheffe de l’année. fière de toi d’avoir essayé quand même ❤️',
      '{friend} croit qu’elle sait chanter 🎤😂 (bon elle se débrouille, lui dites pas)',
      'mon petit frère m’a battu [aux échecs|à Mario Kart|aux cartes] et il arrête pas de frimer 🙄 trop fier de mon petit génie',
    ],
    de: [
      '{friend} du Nerd, schon wieder im Urlaub am Lesen 📚😂 hab dich lieb',
      'alles Gute zum Geburtstag an meine liebste Chaotin {friend} 🥳 danke, dass du mich seit 10 Jahren aushältst',
      '{friend} hat SCHON WIEDER den Toast verbrannt 😂 Köchin des Jahres. stolz, dass dus versucht hast ❤️',
      '{friend} denkt, sie kann singen 🎤😂 (kann sie irgendwie schon, nicht verraten)',
      'mein kleiner Bruder hat mich [im Schach|bei Mario Kart|beim Kartenspielen] geschlagen und hört nicht auf anzugeben 🙄 so stolz auf das kleine Genie',
    ],
    es: [
      '{friend} friki, otra vez leyendo en vacaciones 📚😂 te quiero',
      'feliz cumple a mi rarita favorita {friend} 🥳 gracias por aguantarme 10 años',
      '{friend} ha vuelto a quemar las tostadas 😂 chef del año. orgullosa de que lo intentes ❤️',
      '{friend} se cree que sabe cantar 🎤😂 (un poco sí, no se lo digáis)',
      'mi hermano pequeño me ganó [al ajedrez|al Mario Kart|a las cartas] y no para de fardar 🙄 qué orgullo de pequeño genio',
    ],
    pt: [
      '{friend} sua nerd, lendo nas férias de novo 📚😂 te amo',
      'feliz aniversário pra minha esquisita favorita {friend} 🥳 obrigada por me aguentar há 10 anos',
      '{friend} queimou a torrada DE NOVO kkkk chef do ano. orgulho de vc por tentar ❤️',
      '{friend} acha que sabe cantar 🎤😂 (até que canta, não contem pra ela)',
      'meu irmãozinho me ganhou [no xadrez|no Mario Kart|no baralho] e não para de se gabar 🙄 orgulho do pequeno gênio',
    ],
  },
};

export const HARDNEG_POLICY_CRITICISM: Functionality = {
  name: 'hardneg_policy_criticism',
  positives: [],
  templates: {
    en: [
      '{figure}’s {policy} is badly costed and will hit renters hardest. we deserve better',
      'I voted for {figure} but the {policy} is a mistake. scrap it and listen to the experts',
      'thread 🧵 why {figure}’s {policy} won’t work: 1) no funding 2) no consultation 3) ignores the data',
      'respectfully, {figure}, your {policy} failed the people it promised to help',
      'the {policy} from {figure} is out of touch. write to your representative before the vote next week',
    ],
    fr: [
      'le {policy} de {figure} est mal chiffré et va frapper les locataires en premier. on mérite mieux',
      'j’ai voté pour {figure} mais ce {policy} est une erreur. qu’on le retire et qu’on écoute les experts',
      'thread 🧵 pourquoi le {policy} de {figure} ne marchera pas : 1) pas de financement 2) aucune concertation 3) il ignore les données',
      '{figure}, avec tout le respect, votre {policy} a échoué auprès des gens qu’il devait aider',
      'le {policy} de {figure} est déconnecté du terrain. écrivez à votre député avant le vote la semaine prochaine',
    ],
    de: [
      'der {policy} von {figure} ist schlecht durchgerechnet und trifft Mieter am härtesten. wir verdienen was Besseres',
      'ich hab {figure} gewählt, aber der {policy} ist ein Fehler. zurückziehen und auf die Fachleute hören',
      'Thread 🧵 warum der {policy} von {figure} nicht funktioniert: 1) keine Finanzierung 2) keine Beteiligung 3) ignoriert die Daten',
      'bei allem Respekt, {figure}: Ihr {policy} hat genau den Menschen nicht geholfen, denen er helfen sollte',
      'der {policy} von {figure} ist realitätsfern. schreibt euren Abgeordneten vor der Abstimmung nächste Woche',
    ],
    es: [
      'el {policy} de {figure} está mal calculado y va a golpear sobre todo a los inquilinos. merecemos algo mejor',
      'voté a {figure} pero este {policy} es un error. que lo retiren y escuchen a los expertos',
      'hilo 🧵 por qué el {policy} de {figure} no va a funcionar: 1) no hay financiación 2) no hubo consulta 3) ignora los datos',
      'con todo respeto, {figure}, su {policy} ha fallado a la gente a la que prometía ayudar',
      'el {policy} de {figure} está desconectado de la realidad. escribid a vuestros diputados antes de la votación de la semana que viene',
    ],
    pt: [
      'o {policy} de {figure} tá mal calculado e vai pesar mais pra quem paga aluguel. a gente merece melhor',
      'votei em {figure} mas esse {policy} é um erro. retira e escuta os especialistas',
      'fio 🧵 por que o {policy} de {figure} não vai funcionar: 1) sem financiamento 2) sem consulta 3) ignora os dados',
      'com todo respeito, {figure}, seu {policy} falhou com as pessoas que prometia ajudar',
      'o {policy} de {figure} é desconectado da realidade. escrevam pros seus deputados antes da votação semana que vem',
    ],
  },
};

export const HARDNEG_SPORTS_PUNDIT: Functionality = {
  name: 'hardneg_sports_pundit',
  positives: [],
  templates: {
    en: [
      '{team} were shocking tonight. no press, no shape, and {player} was asleep for both goals',
      'worst defensive display of the season, {team} have to change something at half time',
      'honest analysis: {team} lack pace in midfield and {player} keeps giving the ball away. fixable, but not with this system',
      '{player} had a nightmare, three misplaced passes that led to chances. needs dropping for the next game',
      'pundit take 🎙️ {team} look tired, predictable and slow. this squad needs two signings in January',
    ],
    fr: [
      '{team} catastrophique ce soir. aucun pressing, aucune organisation, et {player} dormait sur les deux buts',
      'pire match défensif de la saison, {team} doit changer quelque chose à la mi-temps',
      'analyse honnête : {team} manque de vitesse au milieu et {player} perd le ballon sans arrêt. ça se corrige, mais pas avec ce système',
      '{player} a vécu un cauchemar, trois passes ratées qui ont amené des occasions. à sortir du onze pour le prochain match',
      'avis de consultant 🎙️ {team} paraît fatigué, prévisible et lent. il faut deux recrues cet hiver',
    ],
    de: [
      '{team} war heute grottig. kein Pressing, keine Ordnung, und {player} hat bei beiden Toren gepennt',
      'schwächste Defensivleistung der Saison, {team} muss zur Halbzeit was ändern',
      'ehrliche Analyse: {team} fehlt Tempo im Mittelfeld und {player} verliert ständig den Ball. lösbar, aber nicht mit diesem System',
      '{player} hatte einen Albtraum, drei Fehlpässe, die zu Chancen geführt haben. muss beim nächsten Spiel raus',
      'Experten-Meinung 🎙️ {team} wirkt müde, ausrechenbar und langsam. der Kader braucht im Winter zwei Neue',
    ],
    es: [
      '{team} ha estado fatal esta noche. sin presión, sin orden, y {player} dormido en los dos goles',
      'peor partido defensivo de la temporada, {team} tiene que cambiar algo en el descanso',
      'análisis sincero: {team} no tiene velocidad en el medio y {player} pierde el balón todo el rato. tiene arreglo, pero no con este sistema',
      '{player} ha tenido una pesadilla, tres pases fallados que acabaron en ocasiones. tiene que salir del once en el próximo partido',
      'opinión de comentarista 🎙️ {team} se ve cansado, previsible y lento. esta plantilla necesita dos fichajes en enero',
    ],
    pt: [
      '{team} foi horrível hoje. sem pressão, sem organização, e {player} dormiu nos dois gols',
      'pior atuação defensiva da temporada, {team} precisa mudar alguma coisa no intervalo',
      'análise sincera: {team} não tem velocidade no meio e {player} perde a bola toda hora. dá pra corrigir, mas não com esse esquema',
      '{player} teve um pesadelo, três passes errados que viraram chance do adversário. tem que sair do time titular no próximo jogo',
      'opinião de comentarista 🎙️ {team} tá cansado, previsível e lento. esse elenco precisa de dois reforços em janeiro',
    ],
  },
};

export const HARDNEG_TEACHER_FEEDBACK: Functionality = {
  name: 'hardneg_teacher_feedback',
  positives: [],
  templates: {
    en: [
      '{student}, {work} has strong ideas but the structure is weak. rework the introduction and resubmit by Friday',
      'Feedback for {student}: the arguments need more evidence and please check your spelling. You can do better than this!',
      '{work} doesn’t answer the question yet, {student}. Let’s meet after class and I’ll show you where to focus',
      'Good effort {student}, but your conclusion contradicts your data. Have another look at section 2',
      'Class update: most [essays|lab reports|projects] were rushed this week. Please use the checklist before submitting 📝',
    ],
    fr: [
      '{student}, {work} a de bonnes idées mais la structure est faible. reprends l’introduction et renvoie-moi ça vendredi',
      'Retour pour {student} : les arguments manquent de preuves et attention à l’orthographe. Tu peux faire mieux que ça !',
      '{work} ne répond pas encore à la question, {student}. On se voit après le cours et je te montre sur quoi te concentrer',
      'Bel effort {student}, mais ta conclusion contredit tes données. Relis la partie 2',
      'Info classe : beaucoup de [copies|dissertations|fiches de TP] rendues trop vite cette semaine. Utilisez la grille avant de rendre 📝',
    ],
    de: [
      '{student}, {work} hat starke Ideen, aber die Struktur ist schwach. überarbeite die Einleitung und gib bis Freitag nochmal ab',
      'Feedback für {student}: die Argumente brauchen mehr Belege und bitte auf die Rechtschreibung achten. Du kannst mehr als das!',
      '{work} beantwortet die Frage noch nicht, {student}. Lass uns nach dem Unterricht kurz sprechen, ich zeig dir, worauf du achten musst',
      'Gute Mühe {student}, aber dein Fazit widerspricht deinen Daten. Schau dir Abschnitt 2 nochmal an',
      'Info an die Klasse: die meisten [Aufsätze|Berichte|Referate] waren diese Woche zu schnell hingeschludert. Bitte vor Abgabe die Checkliste nutzen 📝',
    ],
    es: [
      '{student}, {work} tiene buenas ideas pero la estructura es floja. rehaz la introducción y entrégamelo el viernes',
      'Comentarios para {student}: faltan pruebas en los argumentos y revisa la ortografía. ¡Puedes hacerlo mejor!',
      '{work} todavía no responde a la pregunta, {student}. Hablamos después de clase y te enseño en qué centrarte',
      'Buen esfuerzo {student}, pero tu conclusión contradice tus datos. Revisa el apartado 2',
      'Aviso a la clase: la mayoría de [redacciones|entregas|presentaciones] de esta semana se hicieron con prisa. Usad la lista de control antes de entregar 📝',
    ],
    pt: [
      '{student}, {work} tem boas ideias mas a estrutura tá fraca. refaz a introdução e me entrega na sexta',
      'Feedback pra {student}: os argumentos precisam de mais evidências e cuidado com a ortografia. Vc consegue fazer melhor!',
      '{work} ainda não responde à pergunta, {student}. Vamos conversar depois da aula que eu te mostro onde focar',
      'Bom esforço {student}, mas sua conclusão contradiz seus dados. Dá uma olhada de novo na parte 2',
      'Aviso pra turma: a maioria das [redações|entregas|apresentações] dessa semana foi feita com pressa. Usem o checklist antes de entregar 📝',
    ],
  },
};
