import type { Functionality } from '../template';

// Functionalities of the weapons generator; ./index.ts lists them in order.

export const HARDNEG_HISTORY: Functionality = {
  name: 'hardneg_history',
  positives: [],
  templates: {
    en: [
      'The rifles used in {war} are on display at the museum',
      'Documentary tonight about the weapons of {war}',
      "my grandpa's service rifle from {war}, deactivated and certified, hangs in the living room now",
      'Thread 🧵 how machine guns changed infantry tactics, from the Maxim to the MG42',
      'visited the Royal Armouries today, the medieval crossbows are insane ⚔️',
    ],
    fr: [
      'Les fusils de {war} sont exposés au musée',
      'Documentaire ce soir sur les armes de {war}',
      'le fusil de mon grand-père de {war}, neutralisé avec certificat, il est accroché dans le salon maintenant',
      'Thread 🧵 comment la mitrailleuse a changé la tactique d’infanterie, de la Maxim à la MG42',
      'visite du musée de l’Armée aux Invalides aujourd’hui, les arbalètes médiévales sont dingues ⚔️',
    ],
    de: [
      'Die Gewehre aus {war} sind im Museum ausgestellt',
      'Heute Abend Doku über die Waffen aus {war}',
      'opas gewehr aus {war}, unbrauchbar gemacht mit zertifikat, hängt jetzt im wohnzimmer',
      'Thread 🧵 wie das Maschinengewehr die Infanterietaktik verändert hat, vom Maxim bis zum MG42',
      'heute im Militärhistorischen Museum in Dresden gewesen, die mittelalterlichen Armbrüste sind der Wahnsinn ⚔️',
    ],
    es: [
      'Los fusiles de {war} se exponen en el museo',
      'Documental esta noche sobre las armas de {war}',
      'el fusil de mi abuelo de {war}, inutilizado y con certificado, ahora cuelga en el salón',
      'Hilo 🧵 cómo la ametralladora cambió la táctica de infantería, de la Maxim a la MG42',
      'hoy en el Museo del Ejército de Toledo, las ballestas medievales son una locura ⚔️',
    ],
    pt: [
      'Os fuzis de {war} estão expostos no museu',
      'Documentário hoje sobre as armas de {war}',
      'o fuzil do meu avô da Segunda Guerra, desativado e com certificado, hoje fica pendurado na sala',
      'Fio 🧵 como a metralhadora mudou a tática de infantaria, da Maxim à MG42',
      'visitei o Museu Militar de Lisboa hoje, as bestas medievais são surreais ⚔️',
    ],
  },
};

export const HARDNEG_NEWS: Functionality = {
  // Neutral reporting on illegal guns: seizures, laws, amnesties, stings.
  name: 'hardneg_news',
  positives: [],
  templates: {
    en: [
      'Police dismantle a ghost gun workshop in {city}: 3D printers and 40 unfinished frames seized',
      'New law bans the sale of unfinished frames and receivers without a background check',
      'Report: guns without serial numbers found at a third of crime scenes in {city}',
      'Gun amnesty this month: hand in unregistered weapons at any police station, no questions asked',
      'Man charged after trying to buy a gun online without a licence; the "seller" was an undercover officer',
    ],
    fr: [
      'La police démantèle un atelier d’armes imprimées en 3D à {city} : imprimantes et 40 carcasses saisies',
      'Une nouvelle loi interdit la vente de carcasses non finies sans contrôle d’autorisation',
      'Rapport : des armes sans numéro de série retrouvées sur un tiers des scènes de crime à {city}',
      'Opération d’abandon d’armes ce mois-ci : déposez vos armes non déclarées en commissariat, sans poursuites',
      'Un homme mis en examen pour avoir tenté d’acheter une arme en ligne sans permis ; le « vendeur » était un policier infiltré',
    ],
    de: [
      'Polizei hebt Werkstatt für 3D-gedruckte Waffen in {city} aus: Drucker und 40 unfertige Griffstücke sichergestellt',
      'Neues Gesetz: unfertige Waffenteile nur noch mit Erlaubnis und Kontrolle',
      'Bericht: an jedem dritten Tatort in {city} Waffen ohne Seriennummer gefunden',
      'Waffenamnestie diesen Monat: unangemeldete Waffen straffrei bei jeder Polizeidienststelle abgeben',
      'Anklage gegen Mann, der online eine Waffe ohne WBK kaufen wollte; der „Verkäufer“ war ein verdeckter Ermittler',
    ],
    es: [
      'La policía desmantela un taller de armas impresas en 3D en {city}: incautadas impresoras y 40 armazones',
      'Nueva ley: prohibida la venta de armazones sin terminar sin control de licencia',
      'Informe: armas sin número de serie en un tercio de los escenarios de crímenes en {city}',
      'Campaña de entrega voluntaria de armas este mes: entrega tus armas sin papeles en cualquier comisaría sin sanción',
      'Detenido un hombre que intentó comprar un arma por internet sin licencia; el «vendedor» era un agente encubierto',
    ],
    pt: [
      'Polícia desmonta oficina de armas impressas em 3D em {city}: impressoras e 40 armações apreendidas',
      'Nova lei proíbe a venda de armações inacabadas sem controle de registro',
      'Relatório: armas sem numeração encontradas em um terço das cenas de crime em {city}',
      'Campanha do desarmamento: entregue armas sem registro em qualquer delegacia, sem perguntas e com indenização',
      'Homem é indiciado após tentar comprar arma pela internet sem porte; o "vendedor" era um policial infiltrado',
    ],
  },
};

export const HARDNEG_VIDEO_GAME: Functionality = {
  name: 'hardneg_video_game',
  positives: [],
  templates: {
    en: [
      'Best {gun} loadout in {game} right now',
      'just got a 20 kill game in {game} with the shotgun lol',
      'the new {gun} skin in {game} is so clean',
      'Unlocked the golden {gun} in {game} finally 🎮',
      'the {gun} in {game} is so broken rn, nerf it pls 😭',
      '3D printed a replica {gun} from {game} for my cosplay, plastic and orange tip lol',
    ],
    fr: [
      'Meilleure classe {gun} sur {game} en ce moment',
      'partie à 20 kills sur {game} au fusil à pompe mdr',
      'le nouveau skin {gun} sur {game} est trop propre',
      'Enfin débloqué le {gun} doré sur {game} 🎮',
      'le {gun} sur {game} est trop cheaté en ce moment, nerf svp 😭',
      'j’ai imprimé en 3D une réplique du {gun} de {game} pour mon cosplay, en plastique avec le bout orange mdr',
    ],
    de: [
      'Beste {gun}-Klasse in {game} gerade',
      'grad ne Runde mit 20 Kills in {game} mit der Shotgun lol',
      'der neue {gun}-Skin in {game} ist so sauber',
      'Endlich die goldene {gun} in {game} freigeschaltet 🎮',
      '{gun} in {game} ist grad so op, bitte nerfen 😭',
      'hab für mein cosplay ein {gun}-replikat aus {game} 3D-gedruckt, plastik mit oranger mündung lol',
    ],
    es: [
      'La mejor clase de {gun} en {game} ahora mismo',
      'partida de 20 bajas en {game} con la escopeta jaja',
      'la nueva skin de {gun} en {game} está brutal',
      'Por fin desbloqueé la {gun} dorada en {game} 🎮',
      '{gun} en {game} está demasiado OP ahora, que lo nerfeen ya 😭',
      'imprimí en 3D una réplica de {gun} de {game} para mi cosplay, de plástico y con punta naranja jaja',
    ],
    pt: [
      'Melhor classe de {gun} no {game} agora',
      'partida de 20 kills no {game} de escopeta kkk',
      'a skin nova de {gun} no {game} ficou linda',
      'Finalmente desbloqueei a {gun} dourada no {game} 🎮',
      'tão apelando demais com {gun} no {game}, nerfa pfv 😭',
      'imprimi em 3D uma réplica de {gun} do {game} pro meu cosplay, de plástico e ponta laranja kkk',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: [
      'shooting stars',
      'range day',
      'water pistol fight',
      'photo shoot',
      'glue gun crafts',
      'top gun night',
    ],
    fr: [
      'étoiles filantes',
      'journée au stand',
      'pistolet à eau',
      'shooting photo',
      'pistolet à colle',
      'soirée top gun',
    ],
    de: [
      'Sternschnuppen heute',
      'Tag am Schießstand',
      'Wasserpistolen-Schlacht',
      'Fotoshooting',
      'Heißklebepistole läuft',
      'Top Gun Abend',
    ],
    es: [
      'estrellas fugaces',
      'día de galería de tiro',
      'pistolas de agua',
      'sesión de fotos',
      'pistola de silicona',
      'noche de top gun',
    ],
    pt: [
      'estrelas cadentes',
      'dia no clube de tiro',
      'guerra de pistola de água',
      'ensaio de fotos',
      'pistola de cola quente',
      'noite de top gun',
    ],
  },
};
