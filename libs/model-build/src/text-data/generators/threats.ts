import type { GeneratorSpec } from './template';

/**
 * Threats and violence: direct and conditional threats to a person (violence + harassment + threatening),
 * calls to violence, glorification, short captions; hard negatives: games, sports, cooking, quoting a threat to
 * condemn it, fiction, and two-word captions with violent words used harmlessly.
 */
export const THREATS: GeneratorSpec = {
  name: 'threats',
  slots: {
    en: {
      hurt: [
        'break your legs',
        'beat you half to death',
        'stab you',
        'put a bullet in your head',
        'burn your house down',
        'smash your face in',
      ],
      name: ['Sarah', 'Mike', 'Jordan', 'bro', 'pal'],
      when: ['tonight', 'tomorrow after school', 'next time I see you', 'when you leave work'],
      target: ['the landlord', 'my neighbour', 'the referee', 'that journalist', 'the mayor'],
      game: ['Fortnite', 'Call of Duty', 'Elden Ring', 'Minecraft', 'Valorant'],
      team: ['United', 'the Lakers', 'City', 'the Yankees'],
      food: ['onions', 'garlic', 'the chicken', 'the carrots'],
    },
    fr: {
      hurt: [
        'te casser les jambes',
        'te défoncer',
        'te planter',
        'te mettre une balle dans la tête',
        'brûler ta maison',
        "t'éclater la gueule",
      ],
      name: ['Sarah', 'Karim', 'Julien', 'mon gars', 'mec'],
      when: [
        'ce soir',
        'demain à la sortie des cours',
        'la prochaine fois que je te vois',
        'quand tu sors du boulot',
      ],
      target: ['le proprio', 'mon voisin', "l'arbitre", 'ce journaliste', 'le maire'],
      game: ['Fortnite', 'Call of Duty', 'Elden Ring', 'Minecraft', 'Valorant'],
      team: ['le PSG', "l'OM", 'Lyon', 'les Bleus'],
      food: ['les oignons', "l'ail", 'le poulet', 'les carottes'],
    },
    de: {
      hurt: [
        'dir die Beine brechen',
        'dich krankenhausreif schlagen',
        'dich abstechen',
        'dir eine Kugel in den Kopf jagen',
        'dein Haus abfackeln',
        'dir die Fresse polieren',
      ],
      name: ['Sarah', 'Mehmet', 'Jonas', 'Alter', 'Kollege'],
      when: [
        'heute Abend',
        'morgen nach der Schule',
        'wenn ich dich das nächste Mal sehe',
        'wenn du aus der Arbeit kommst',
      ],
      target: ['den Vermieter', 'meinen Nachbarn', 'den Schiri', 'diesen Journalisten', 'den Bürgermeister'],
      game: ['Fortnite', 'Call of Duty', 'Elden Ring', 'Minecraft', 'Valorant'],
      team: ['Bayern', 'den BVB', 'Schalke', 'die Nationalelf'],
      food: ['die Zwiebeln', 'den Knoblauch', 'das Hähnchen', 'die Karotten'],
    },
    es: {
      hurt: [
        'romperte las piernas',
        'darte una paliza que no olvides',
        'apuñalarte',
        'meterte un tiro en la cabeza',
        'quemarte la casa',
        'partirte la cara',
      ],
      name: ['Sara', 'Javi', 'Lucía', 'tío', 'chaval'],
      when: [
        'esta noche',
        'mañana a la salida del insti',
        'la próxima vez que te vea',
        'cuando salgas del trabajo',
      ],
      target: ['al casero', 'a mi vecino', 'al árbitro', 'a ese periodista', 'al alcalde'],
      game: ['Fortnite', 'Call of Duty', 'Elden Ring', 'Minecraft', 'Valorant'],
      team: ['al Madrid', 'al Barça', 'al Atleti', 'a Boca'],
      food: ['la cebolla', 'el ajo', 'el pollo', 'las zanahorias'],
    },
    pt: {
      hurt: [
        'quebrar suas pernas',
        'te encher de porrada',
        'te esfaquear',
        'meter uma bala na sua cabeça',
        'queimar sua casa',
        'arrebentar sua cara',
      ],
      name: ['Sara', 'Thiago', 'Joana', 'mano', 'parceiro'],
      when: [
        'hoje à noite',
        'amanhã na saída da escola',
        'na próxima vez que eu te ver',
        'quando você sair do trabalho',
      ],
      target: ['o senhorio', 'meu vizinho', 'o juiz', 'esse jornalista', 'o prefeito'],
      game: ['Fortnite', 'Call of Duty', 'Elden Ring', 'Minecraft', 'Free Fire'],
      team: ['o Flamengo', 'o Corinthians', 'o Benfica', 'o Porto'],
      food: ['a cebola', 'o alho', 'o frango', 'as cenouras'],
    },
  },
  functionalities: [
    {
      name: 'threat_direct_person',
      positives: ['violence', 'harassment', 'harassment/threatening'],
      templates: {
        en: [
          'I know where you live, {name}. I am going to {hurt} {when}',
          "Watch your back, {when} I'll {hurt}",
          "I'm going to find you and {hurt}",
          'you have no idea what is coming {name}, I will {hurt}',
          'Say that again and I will {hurt}',
          'I have your address {name}, see you {when}',
          'Enjoy your last days {name}, {when} I will {hurt}',
        ],
        fr: [
          'Je sais où tu habites, {name}. Je vais {hurt} {when}',
          'Fais gaffe à toi, {when} je vais {hurt}',
          'Je vais te retrouver et {hurt}',
          'tu sais pas ce qui t’attend {name}, je vais {hurt}',
          'Répète ça et je vais {hurt}',
          "J'ai ton adresse {name}, on se voit {when}",
          'Profite de tes derniers jours {name}, {when} je vais {hurt}',
        ],
        de: [
          'Ich weiß, wo du wohnst, {name}. Ich werde {when} {hurt}',
          'Pass bloß auf, {when} werde ich {hurt}',
          'Ich finde dich und werde {hurt}',
          'du hast keine Ahnung, was dich erwartet {name}, ich werde {hurt}',
          'Sag das noch einmal und ich werde {hurt}',
          'Ich hab deine Adresse {name}, wir sehen uns {when}',
          'Genieß deine letzten Tage {name}, {when} werde ich {hurt}',
        ],
        es: [
          'Sé dónde vives, {name}. Voy a {hurt} {when}',
          'Cuidado, {when} voy a {hurt}',
          'Te voy a encontrar y voy a {hurt}',
          'no sabes lo que te espera {name}, voy a {hurt}',
          'Repite eso y voy a {hurt}',
          'Tengo tu dirección {name}, nos vemos {when}',
          'Disfruta tus últimos días {name}, {when} voy a {hurt}',
        ],
        pt: [
          'Eu sei onde você mora, {name}. Vou {hurt} {when}',
          'Se cuida, {when} eu vou {hurt}',
          'Vou te achar e vou {hurt}',
          'você não sabe o que te espera {name}, vou {hurt}',
          'Repete isso e eu vou {hurt}',
          'Tenho seu endereço {name}, a gente se vê {when}',
          'Aproveita seus últimos dias {name}, {when} eu vou {hurt}',
        ],
      },
    },
    {
      name: 'threat_conditional',
      positives: ['violence', 'harassment', 'harassment/threatening'],
      templates: {
        en: [
          'If you post that again, {name}, I will {hurt}',
          "Don't show up at school tomorrow or I'll {hurt}",
          'One more word about my family and I {hurt}, I swear',
        ],
        fr: [
          'Si tu reposte ça, {name}, je vais {hurt}',
          'Viens pas au lycée demain sinon je vais {hurt}',
          'Encore un mot sur ma famille et je vais {hurt}, je te jure',
        ],
        de: [
          'Wenn du das nochmal postest, {name}, werde ich {hurt}',
          'Komm morgen bloß nicht in die Schule, sonst werde ich {hurt}',
          'Noch ein Wort über meine Familie und ich werde {hurt}, ich schwöre',
        ],
        es: [
          'Si vuelves a publicar eso, {name}, voy a {hurt}',
          'No aparezcas mañana por el insti o voy a {hurt}',
          'Una palabra más sobre mi familia y voy a {hurt}, te lo juro',
        ],
        pt: [
          'Se você postar isso de novo, {name}, eu vou {hurt}',
          'Não aparece na escola amanhã senão eu vou {hurt}',
          'Mais uma palavra sobre minha família e eu vou {hurt}, juro',
        ],
      },
    },
    {
      name: 'violence_call_to_action',
      positives: ['violence'],
      unknown: ['harassment', 'harassment/threatening'],
      templates: {
        en: [
          'Someone should go and beat up {target} {when}',
          "Let's all go to his house and make {target} pay in blood",
          'Whoever sees {target} first, stab him',
          'Everyone meet at the square {when}, bring bats, we make {target} bleed',
        ],
        fr: [
          'Faudrait que quelqu’un aille tabasser {target} {when}',
          'On va tous chez lui et on fait payer {target} dans le sang',
          'Le premier qui croise {target}, il le plante',
          'Rendez-vous tous sur la place {when}, ramenez des battes, on va faire saigner {target}',
        ],
        de: [
          'Jemand sollte {target} {when} verprügeln',
          'Lasst uns alle zu ihm fahren und {target} bluten lassen',
          'Wer {target} zuerst sieht, sticht ihn ab',
          'Alle {when} auf den Marktplatz, bringt Schläger mit, wir lassen {target} bluten',
        ],
        es: [
          'Alguien debería ir a darle una paliza {target} {when}',
          'Vamos todos a su casa, hay que hacer sangrar {target}',
          'El primero que vea {target}, que lo apuñale',
          'Todos a la plaza {when}, traed bates, vamos a hacer sangrar {target}',
        ],
        pt: [
          'Alguém devia ir lá e espancar {target} {when}',
          'Bora todo mundo na casa dele fazer {target} pagar com sangue',
          'Quem ver {target} primeiro, mete a faca',
          'Todo mundo na praça {when}, tragam tacos, vamos fazer {target} sangrar',
        ],
      },
    },
    {
      name: 'violence_glorification',
      positives: ['violence'],
      unknown: ['harassment', 'violence/graphic'],
      templates: {
        en: [
          'That beating was beautiful, he deserved every single kick',
          'Best video ever, watch them stomp the guy until he stops moving',
        ],
        fr: [
          'Ce passage à tabac était magnifique, il méritait chaque coup',
          'Meilleure vidéo, regardez-les piétiner le mec jusqu’à ce qu’il bouge plus',
        ],
        de: [
          'Die Abreibung war wunderschön, er hat jeden Tritt verdient',
          'Bestes Video, schaut wie sie auf den Typen eintreten bis er sich nicht mehr bewegt',
        ],
        es: [
          'Qué paliza más bonita, se merecía cada patada',
          'El mejor vídeo, mirad cómo lo pisotean hasta que deja de moverse',
        ],
        pt: [
          'Que surra linda, ele mereceu cada chute',
          'Melhor vídeo, olha eles pisoteando o cara até ele parar de se mexer',
        ],
      },
    },
    {
      name: 'threat_short_caption',
      positives: ['violence', 'harassment', 'harassment/threatening'],
      templates: {
        en: ["you're dead {name}", 'watch your back', "I'll find you", 'count your days'],
        fr: ['t’es mort {name}', 'fais gaffe à toi', 'je vais te retrouver', 'tes jours sont comptés'],
        de: ['du bist tot {name}', 'pass bloß auf', 'ich finde dich', 'deine Tage sind gezählt'],
        es: ['estás muerto {name}', 'cuidado conmigo', 'te voy a encontrar', 'tienes los días contados'],
        pt: ['você tá morto {name}', 'se cuida', 'vou te achar', 'seus dias estão contados'],
      },
    },
    {
      name: 'hardneg_game',
      positives: [],
      templates: {
        en: [
          'I killed him three times in {game} lol',
          'we got destroyed in {game} tonight, rematch tomorrow',
          'finally beat the final boss in {game}, took 40 tries',
        ],
        fr: [
          "Je l'ai tué trois fois sur {game} mdr",
          'on s’est fait détruire sur {game} ce soir, revanche demain',
          'enfin battu le boss final de {game}, 40 essais',
        ],
        de: [
          'Hab ihn dreimal in {game} gekillt lol',
          'wurden heute in {game} komplett zerstört, morgen Revanche',
          'endlich den Endboss in {game} besiegt, 40 Versuche',
        ],
        es: [
          'Lo maté tres veces en {game} jaja',
          'nos destrozaron en {game} esta noche, revancha mañana',
          'por fin me pasé el jefe final de {game}, 40 intentos',
        ],
        pt: [
          'Matei ele três vezes no {game} kkk',
          'fomos destruídos no {game} hoje, revanche amanhã',
          'finalmente zerei o chefão do {game}, 40 tentativas',
        ],
      },
    },
    {
      name: 'hardneg_sports',
      positives: [],
      templates: {
        en: [
          "We're going to crush {team} on Saturday",
          'That tackle was brutal but fair, great match',
          'she knocked out her opponent in the second round, new champion',
        ],
        fr: [
          'On va écraser {team} samedi',
          'Ce tacle était rude mais propre, super match',
          'elle a mis KO son adversaire au deuxième round, nouvelle championne',
        ],
        de: [
          'Am Samstag machen wir {team} platt',
          'Das Foul war hart aber fair, geiles Spiel',
          'sie hat ihre Gegnerin in der zweiten Runde k.o. geschlagen, neue Weltmeisterin',
        ],
        es: [
          'El sábado vamos a aplastar {team}',
          'Esa entrada fue dura pero limpia, partidazo',
          'noqueó a su rival en el segundo asalto, nueva campeona',
        ],
        pt: [
          'Sábado a gente vai massacrar {team}',
          'Aquela entrada foi dura mas limpa, jogão',
          'ela nocauteou a adversária no segundo round, nova campeã',
        ],
      },
    },
    {
      name: 'hardneg_cooking',
      positives: [],
      templates: {
        en: [
          'Cut {food} into thin slices and beat the eggs',
          'Chop {food}, then kill the heat and let it rest for 5 minutes',
          'smash {food} with the flat of the knife',
        ],
        fr: [
          'Coupez {food} en fines lamelles et battez les œufs',
          'Hachez {food}, puis coupez le feu et laissez reposer 5 minutes',
          'écrasez {food} avec le plat du couteau',
        ],
        de: [
          '{food} in feine Scheiben schneiden und die Eier schlagen',
          '{food} hacken, dann Herd aus und 5 Minuten ruhen lassen',
          '{food} mit der flachen Messerseite zerdrücken',
        ],
        es: [
          'Corta {food} en rodajas finas y bate los huevos',
          'Pica {food}, apaga el fuego y deja reposar 5 minutos',
          'machaca {food} con la hoja del cuchillo',
        ],
        pt: [
          'Corte {food} em fatias finas e bata os ovos',
          'Pique {food}, desligue o fogo e deixe descansar 5 minutos',
          'amasse {food} com a lâmina da faca',
        ],
      },
    },
    {
      name: 'hardneg_quote_condemn',
      positives: [],
      templates: {
        en: [
          "He messaged my sister 'I know where you live'. We reported him to the police, this is not okay",
          'Threats like "I will {hurt}" are a crime, report them',
        ],
        fr: [
          "Il a écrit à ma sœur « je sais où tu habites ». On a porté plainte, c'est inadmissible",
          'Des menaces comme « je vais {hurt} » sont un délit, signalez-les',
        ],
        de: [
          'Er hat meiner Schwester geschrieben „ich weiß, wo du wohnst“. Wir haben Anzeige erstattet, das geht gar nicht',
          'Drohungen wie „ich werde {hurt}“ sind strafbar, meldet sie',
        ],
        es: [
          'Le escribió a mi hermana «sé dónde vives». Lo hemos denunciado, esto no es normal',
          'Amenazas como «voy a {hurt}» son delito, denunciadlas',
        ],
        pt: [
          'Ele mandou pra minha irmã "eu sei onde você mora". Fizemos boletim de ocorrência, isso não é normal',
          'Ameaças como "vou {hurt}" são crime, denuncie',
        ],
      },
    },
    {
      name: 'hardneg_fiction',
      positives: [],
      templates: {
        en: [
          "In chapter 3 the detective finds the killer's knife under the floorboards",
          'The villain threatens to destroy the city in the new Marvel film, loved it',
        ],
        fr: [
          "Au chapitre 3, l'inspecteur trouve le couteau du tueur sous le plancher",
          'Le méchant menace de détruire la ville dans le nouveau Marvel, trop bien',
        ],
        de: [
          'In Kapitel 3 findet die Kommissarin das Messer des Mörders unter den Dielen',
          'Der Bösewicht droht im neuen Marvel-Film die Stadt zu zerstören, mega',
        ],
        es: [
          'En el capítulo 3 el detective encuentra el cuchillo del asesino bajo el suelo',
          'El villano amenaza con destruir la ciudad en la nueva de Marvel, me encantó',
        ],
        pt: [
          'No capítulo 3 o detetive acha a faca do assassino embaixo do assoalho',
          'O vilão ameaça destruir a cidade no novo filme da Marvel, amei',
        ],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['killed it', 'knockout look', 'smash burger', 'beat drop'],
        fr: ['tuerie ce plat', 'look canon', 'smash burger', 'coup de cœur'],
        de: ['voll abgeräumt', 'umwerfender Look', 'Smash Burger', 'Schlagzeug geil'],
        es: ['lo petaste', 'look de infarto', 'smash burger', 'golpe de suerte'],
        pt: ['arrasou demais', 'look matador', 'smash burger', 'golpe de sorte'],
      },
    },
  ],
};
