import type { GeneratorSpec } from './template';

/**
 * Illicit weapons: untraceable / ghost guns, sales without serial numbers or paperwork, full-auto conversion,
 * explosives, short captions; hard negatives: licensed hunting, gun-shop hours, history, video games, airsoft.
 */
export const WEAPONS: GeneratorSpec = {
  name: 'weapons',
  slots: {
    en: {
      gun: ['Glock', 'AR-15', 'pistol', '9mm', 'AK', 'shotgun', 'revolver'],
      price: ['$600', '$900', '$1,200', '500 cash'],
      contact: ['DM me', 'telegram in bio', 'hit me on signal', 'text only'],
      part: ['80% lower', 'auto sear', 'switch', 'solvent trap kit'],
      game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
      place: ['the range', 'the hunting lodge', 'our shop'],
      war: ['the First World War', 'the Civil War', 'the Napoleonic wars'],
    },
    fr: {
      gun: ['Glock', 'AR-15', 'pistolet', '9 mm', 'kalach', 'fusil à pompe', 'revolver'],
      price: ['600 €', '900 €', '1 200 €', '500 en liquide'],
      contact: ['en DM', 'Telegram en bio', 'sur Signal', 'par SMS seulement'],
      part: ['carcasse imprimée', 'kit de conversion auto', 'sear auto'],
      game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
      place: ['le stand de tir', 'la cabane de chasse', 'notre armurerie'],
      war: ['la Première Guerre mondiale', 'la guerre de 1870', 'les guerres napoléoniennes'],
    },
    de: {
      gun: ['Glock', 'AR-15', 'Pistole', '9mm', 'Kalaschnikow', 'Pumpgun', 'Revolver'],
      price: ['600 €', '900 €', '1.200 €', '500 bar'],
      contact: ['per DM', 'Telegram in der Bio', 'über Signal', 'nur SMS'],
      part: ['gedrucktes Griffstück', 'Vollauto-Umbausatz', 'Auto-Sear'],
      game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
      place: ['den Schießstand', 'die Jagdhütte', 'unser Waffengeschäft'],
      war: ['dem Ersten Weltkrieg', 'dem Dreißigjährigen Krieg', 'den Napoleonischen Kriegen'],
    },
    es: {
      gun: ['Glock', 'AR-15', 'pistola', '9 mm', 'cuerno de chivo', 'escopeta', 'revólver'],
      price: ['600 €', '900 €', '1.200 €', '500 en efectivo'],
      contact: ['por DM', 'Telegram en la bio', 'por Signal', 'solo SMS'],
      part: ['armazón impreso', 'kit de conversión a automática', 'chip de ráfaga'],
      game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
      place: ['la galería de tiro', 'el coto de caza', 'nuestra armería'],
      war: ['la Primera Guerra Mundial', 'la Guerra Civil', 'las guerras napoleónicas'],
    },
    pt: {
      gun: ['Glock', 'AR-15', 'pistola', '9mm', 'fuzil', 'escopeta', 'revólver', 'oitão'],
      price: ['R$ 3 mil', 'R$ 5 mil', '900 €', '500 em dinheiro'],
      contact: ['chama no DM', 'Telegram na bio', 'chama no Signal', 'só zap'],
      part: ['armação impressa', 'kit de conversão pra rajada', 'chip de rajada'],
      game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'Free Fire'],
      place: ['o clube de tiro', 'a cabana de caça', 'nossa loja de armas'],
      war: ['a Primeira Guerra Mundial', 'a Guerra do Paraguai', 'as guerras napoleônicas'],
    },
  },
  functionalities: [
    {
      name: 'weapons_untraceable_sale',
      positives: ['illicit/weapons'],
      unknown: ['spam'],
      templates: {
        en: [
          '{gun} for sale, no serial number, no paperwork, {price}. {contact}',
          'Untraceable ghost gun, 3D printed {gun} frame, {contact}',
          'Selling a clean {gun}, serial filed off, cash only {price}',
          'got a {gun} with no papers, no questions asked, {contact}',
          'Ghost guns shipped discreetly, no background check, {contact}',
          'Unregistered {gun} with ammo, {price}, no ID needed, {contact}',
        ],
        fr: [
          'Vends {gun} sans numéro de série, sans papiers, {price}. {contact}',
          'Arme fantôme intraçable, {gun} imprimé en 3D, {contact}',
          'Je vends un {gun} propre, numéro limé, en liquide {price}',
          "j'ai un {gun} sans papiers, pas de questions, {contact}",
          'Armes imprimées intraçables envoyées discrètement, sans permis, {contact}',
          '{gun} non déclaré avec munitions, {price}, pas besoin de pièce d’identité, {contact}',
        ],
        de: [
          'Verkaufe {gun} ohne Seriennummer, ohne Papiere, {price}. {contact}',
          'Nicht rückverfolgbare Ghost Gun, {gun} aus dem 3D-Drucker, {contact}',
          'Saubere {gun} abzugeben, Nummer weggefeilt, nur bar {price}',
          'hab ne {gun} ohne WBK, keine Fragen, {contact}',
          'Ghost Guns diskret verschickt, ohne Waffenschein, {contact}',
          'Unregistrierte {gun} mit Munition, {price}, kein Ausweis nötig, {contact}',
        ],
        es: [
          'Vendo {gun} sin número de serie, sin papeles, {price}. {contact}',
          'Arma fantasma imposible de rastrear, {gun} impresa en 3D, {contact}',
          'Vendo {gun} limpia, número limado, solo efectivo {price}',
          'tengo una {gun} sin papeles, sin preguntas, {contact}',
          'Armas fantasma con envío discreto, sin licencia, {contact}',
          '{gun} sin registrar con munición, {price}, sin pedir DNI, {contact}',
        ],
        pt: [
          'Vendo {gun} sem número de série, sem documento, {price}. {contact}',
          'Arma fantasma sem rastreio, {gun} impressa em 3D, {contact}',
          'Vendo {gun} limpa, numeração raspada, só dinheiro {price}',
          'tenho uma {gun} sem registro, sem perguntas, {contact}',
          'Armas fantasma com envio discreto, sem porte, {contact}',
          '{gun} sem registro com munição, {price}, sem pedir documento, {contact}',
        ],
      },
    },
    {
      name: 'weapons_full_auto_conversion',
      positives: ['illicit/weapons'],
      templates: {
        en: [
          'How to convert a {gun} to full auto with a {part}',
          '{part} for sale, turns your {gun} full auto, {contact}',
          'printing {part}s for a {gun}, step by step guide',
          'selling {part}s, drop-in for any {gun}, ships today {contact}',
        ],
        fr: [
          'Comment passer un {gun} en full auto avec un {part}',
          '{part} à vendre, ton {gun} en rafale, {contact}',
          "j'imprime des pièces ({part}) pour {gun}, tuto complet",
          'vends {part}, compatible tout {gun}, envoi aujourd’hui {contact}',
        ],
        de: [
          'Wie man eine {gun} auf Dauerfeuer umbaut: {part} einbauen',
          '{part} zu verkaufen, macht deine {gun} vollautomatisch, {contact}',
          'drucke {part} für {gun}, Schritt-für-Schritt-Anleitung',
          'verkaufe {part}, passt in jede {gun}, Versand heute {contact}',
        ],
        es: [
          'Cómo pasar una {gun} a automática con un {part}',
          '{part} a la venta, tu {gun} en ráfaga, {contact}',
          'imprimo piezas ({part}) para {gun}, tutorial paso a paso',
          'vendo {part}, vale para cualquier {gun}, envío hoy {contact}',
        ],
        pt: [
          'Como transformar uma {gun} em automática com um {part}',
          '{part} à venda, deixa sua {gun} na rajada, {contact}',
          'imprimindo {part} pra {gun}, passo a passo',
          'vendo {part}, serve em qualquer {gun}, envio hoje {contact}',
        ],
      },
    },
    {
      name: 'weapons_explosives',
      positives: ['illicit/weapons'],
      unknown: ['violence'],
      templates: {
        en: [
          'How to build a pipe bomb at home with hardware store parts',
          'selling homemade explosives, {contact}',
          'Recipe for homemade explosives that fit in a backpack, DM for the PDF',
          'selling grenades and detonators, {price}, {contact}',
        ],
        fr: [
          'Comment fabriquer une bombe artisanale avec des pièces de bricolage',
          'vends explosifs artisanaux, {contact}',
          'Recette d’explosifs maison qui tiennent dans un sac à dos, PDF en DM',
          'vends grenades et détonateurs, {price}, {contact}',
        ],
        de: [
          'Wie man zu Hause eine Rohrbombe aus Baumarktteilen baut',
          'verkaufe selbstgebauten Sprengstoff, {contact}',
          'Anleitung für selbstgemachten Sprengstoff, der in einen Rucksack passt, PDF per DM',
          'verkaufe Granaten und Zünder, {price}, {contact}',
        ],
        es: [
          'Cómo fabricar una bomba casera con piezas de ferretería',
          'vendo explosivos caseros, {contact}',
          'Receta de explosivos caseros que caben en una mochila, PDF por DM',
          'vendo granadas y detonadores, {price}, {contact}',
        ],
        pt: [
          'Como fazer uma bomba caseira com peças de loja de ferragens',
          'vendo explosivos caseiros, {contact}',
          'Receita de explosivo caseiro que cabe numa mochila, PDF no DM',
          'vendo granadas e detonadores, {price}, {contact}',
        ],
      },
    },
    {
      name: 'weapons_short_caption',
      positives: ['illicit/weapons'],
      unknown: ['spam'],
      templates: {
        en: ['ghost gun 4 sale', '{gun} no serial', 'untraceable {gun} DM', '{part} in stock'],
        fr: ['arme fantôme à vendre', '{gun} sans numéro', '{gun} intraçable DM', '{part} en stock'],
        de: ['Ghost Gun abzugeben', '{gun} ohne Nummer', '{gun} ohne WBK DM', '{part} auf Lager'],
        es: ['arma fantasma en venta', '{gun} sin número', '{gun} sin papeles DM', '{part} en stock'],
        pt: ['arma fantasma à venda', '{gun} sem numeração', '{gun} sem registro DM', '{part} em estoque'],
      },
    },
    {
      name: 'hardneg_licensed_hunting',
      positives: [],
      templates: {
        en: [
          'Opening day of deer season, licence and tags ready, heading to {place}',
          'Passed my firearms safety course today, next step the licence',
          'Cleaning my shotgun after duck season, stored in the safe as required',
        ],
        fr: [
          'Ouverture de la chasse, permis et validation en poche, direction {place}',
          "J'ai réussi l'examen du permis de chasser aujourd'hui",
          'Nettoyage du fusil après la saison, rangé au coffre comme il se doit',
        ],
        de: [
          'Jagdsaison eröffnet, Jagdschein und WBK dabei, ab in {place}',
          'Heute die Jägerprüfung bestanden, jetzt kommt der Jagdschein',
          'Flinte nach der Entenjagd gereinigt und vorschriftsmäßig im Tresor',
        ],
        es: [
          'Apertura de la temporada de caza, licencia en regla, rumbo a {place}',
          'Hoy aprobé el examen de la licencia de caza',
          'Limpiando la escopeta después de la temporada, guardada en el armero',
        ],
        pt: [
          'Abertura da temporada de caça, licença em dia, indo para {place}',
          'Passei hoje no curso de tiro para o registro da arma',
          'Limpando a espingarda depois da temporada, guardada no cofre',
        ],
      },
    },
    {
      name: 'hardneg_gun_shop_hours',
      positives: [],
      templates: {
        en: [
          'Our gun shop is open 9 to 6 on Saturdays, licence required for all purchases',
          'Family day at {place} this Sunday, safety briefing at 10',
        ],
        fr: [
          'Notre armurerie est ouverte de 9 h à 18 h le samedi, permis obligatoire pour tout achat',
          'Journée portes ouvertes au stand de tir dimanche, consignes de sécurité à 10 h',
        ],
        de: [
          'Unser Waffengeschäft hat samstags von 9 bis 18 Uhr geöffnet, Kauf nur mit Erlaubnis',
          'Tag der offenen Tür im Schützenverein am Sonntag, Sicherheitseinweisung um 10',
        ],
        es: [
          'Nuestra armería abre los sábados de 9 a 18, licencia obligatoria para comprar',
          'Jornada de puertas abiertas en la galería de tiro el domingo, charla de seguridad a las 10',
        ],
        pt: [
          'Nossa loja de armas abre aos sábados das 9 às 18, registro obrigatório para compra',
          'Dia aberto no clube de tiro domingo, instrução de segurança às 10',
        ],
      },
    },
    {
      name: 'hardneg_history',
      positives: [],
      templates: {
        en: [
          'The rifles used in {war} are on display at the museum',
          'Documentary tonight about the weapons of {war}',
        ],
        fr: ['Les fusils de {war} sont exposés au musée', 'Documentaire ce soir sur les armes de {war}'],
        de: [
          'Die Gewehre aus {war} sind im Museum ausgestellt',
          'Heute Abend Doku über die Waffen aus {war}',
        ],
        es: ['Los fusiles de {war} se exponen en el museo', 'Documental esta noche sobre las armas de {war}'],
        pt: ['Os fuzis de {war} estão expostos no museu', 'Documentário hoje sobre as armas de {war}'],
      },
    },
    {
      name: 'hardneg_video_game',
      positives: [],
      templates: {
        en: [
          'Best {gun} loadout in {game} right now',
          'just got a 20 kill game in {game} with the shotgun lol',
          'the new {gun} skin in {game} is so clean',
          'Unlocked the golden {gun} in {game} finally 🎮',
        ],
        fr: [
          'Meilleure classe {gun} sur {game} en ce moment',
          'partie à 20 kills sur {game} au fusil à pompe mdr',
          'le nouveau skin {gun} sur {game} est trop propre',
          'Enfin débloqué le {gun} doré sur {game} 🎮',
        ],
        de: [
          'Beste {gun}-Klasse in {game} gerade',
          'grad ne Runde mit 20 Kills in {game} mit der Shotgun lol',
          'der neue {gun}-Skin in {game} ist so sauber',
          'Endlich die goldene {gun} in {game} freigeschaltet 🎮',
        ],
        es: [
          'La mejor clase de {gun} en {game} ahora mismo',
          'partida de 20 bajas en {game} con la escopeta jaja',
          'la nueva skin de {gun} en {game} está brutal',
          'Por fin desbloqueé la {gun} dorada en {game} 🎮',
        ],
        pt: [
          'Melhor classe de {gun} no {game} agora',
          'partida de 20 kills no {game} de escopeta kkk',
          'a skin nova de {gun} no {game} ficou linda',
          'Finalmente desbloqueei a {gun} dourada no {game} 🎮',
        ],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['shooting stars', 'range day', 'water pistol fight', 'photo shoot'],
        fr: ['étoiles filantes', 'journée au stand', 'pistolet à eau', 'shooting photo'],
        de: ['Sternschnuppen heute', 'Tag am Schießstand', 'Wasserpistolen-Schlacht', 'Fotoshooting'],
        es: ['estrellas fugaces', 'día de galería de tiro', 'pistolas de agua', 'sesión de fotos'],
        pt: ['estrelas cadentes', 'dia no clube de tiro', 'guerra de pistola de água', 'ensaio de fotos'],
      },
    },
  ],
};
