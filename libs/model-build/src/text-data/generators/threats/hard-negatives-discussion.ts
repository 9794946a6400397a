import type { Functionality } from '../template';

// Functionalities of the threats generator; ./index.ts lists them in order.

export const HARDNEG_QUOTE_CONDEMN: Functionality = {
  name: 'hardneg_quote_condemn',
  positives: [],
  templates: {
    en: [
      "He messaged my sister 'I know where you live'. We reported him to the police, this is not okay",
      'Threats like "I will {hurt}" are a crime, report them',
      "someone DMed me 'watch your back' after my last video. screenshotted and sent to the police. not tolerating this",
      "reminder: 'I know where you live' is not a joke, it's a threat. block, screenshot, report",
      "my daughter got messages saying she'd be 'dead by friday'. school is involved and we pressed charges. please check your kids' phones",
    ],
    fr: [
      "Il a écrit à ma sœur « je sais où tu habites ». On a porté plainte, c'est inadmissible",
      'Des menaces comme « je vais {hurt} » sont un délit, signalez-les',
      'qqn m’a envoyé « fais gaffe à toi » en MP après ma dernière vidéo. capture envoyée à la police, je laisse pas passer',
      'rappel : « je sais où tu habites » c’est pas une blague, c’est une menace. bloquez, capturez, signalez',
      'ma fille a reçu des messages disant qu’elle serait « morte vendredi ». l’école est au courant et on a porté plainte. surveillez les téléphones de vos enfants',
    ],
    de: [
      'Er hat meiner Schwester geschrieben „ich weiß, wo du wohnst“. Wir haben Anzeige erstattet, das geht gar nicht',
      'Drohungen wie „ich werde {hurt}“ sind strafbar, meldet sie',
      'jemand hat mir nach meinem letzten video „pass bloß auf“ geschrieben. screenshot ist bei der polizei, sowas lass ich nicht durchgehen',
      'erinnerung: „ich weiß wo du wohnst“ ist kein witz, sondern eine drohung. blockieren, screenshot, melden',
      'meine tochter hat nachrichten bekommen, sie sei „bis freitag tot“. die schule weiß bescheid und wir haben anzeige erstattet. schaut auf die handys eurer kinder',
    ],
    es: [
      'Le escribió a mi hermana «sé dónde vives». Lo hemos denunciado, esto no es normal',
      'Amenazas como «voy a {hurt}» son delito, denunciadlas',
      'alguien me mandó «cuidado conmigo» por privado después de mi último vídeo. captura enviada a la policía, no pienso tolerarlo',
      'recordatorio: «sé dónde vives» no es una broma, es una amenaza. bloquea, haz captura y denuncia',
      'a mi hija le llegaron mensajes diciendo que estaría «muerta el viernes». el colegio lo sabe y hemos denunciado. revisad los móviles de vuestros hijos',
    ],
    pt: [
      'Ele mandou pra minha irmã "eu sei onde você mora". Fizemos boletim de ocorrência, isso não é normal',
      'Ameaças como "vou {hurt}" são crime, denuncie',
      'alguém me mandou "se cuida" no direct depois do meu último vídeo. print enviado pra polícia, não vou tolerar isso',
      'lembrete: "eu sei onde você mora" não é piada, é ameaça. bloqueia, printa e denuncia',
      'minha filha recebeu mensagens dizendo que ela ia estar "morta até sexta". a escola já sabe e registramos ocorrência. olhem o celular dos filhos de vocês',
    ],
  },
};

export const HARDNEG_FICTION: Functionality = {
  name: 'hardneg_fiction',
  positives: [],
  templates: {
    en: [
      "In chapter 3 the detective finds the killer's knife under the floorboards",
      'The villain threatens to destroy the city in the new Marvel film, loved it',
      "just finished {show} and I can't sleep, the way he planned every murder 😳 #truecrime",
      "horror movie night: Scream, Halloween or Saw? who's the best killer 🔪🍿",
      'the chainsaw scene in Texas Chainsaw Massacre had me screaming into my pillow 😭',
      'new episode of my true crime podcast: the 1994 axe murders, took me 3 months to research 🎙️',
    ],
    fr: [
      "Au chapitre 3, l'inspecteur trouve le couteau du tueur sous le plancher",
      'Le méchant menace de détruire la ville dans le nouveau Marvel, trop bien',
      'fini {show} et j’arrive pas à dormir, la façon dont chaque meurtre a été préparé 😳 #truecrime',
      'soirée films d’horreur : Scream, Halloween ou Saw ? c’est qui le meilleur tueur 🔪🍿',
      'la scène de la tronçonneuse dans Massacre à la tronçonneuse, j’ai hurlé dans mon coussin 😭',
      'nouvel épisode de mon podcast true crime : le double meurtre à la hache de 1994, 3 mois de recherches 🎙️',
    ],
    de: [
      'In Kapitel 3 findet die Kommissarin das Messer des Mörders unter den Dielen',
      'Der Bösewicht droht im neuen Marvel-Film die Stadt zu zerstören, mega',
      'grad {show} fertig geguckt und kann nicht schlafen, wie jeder mord geplant war 😳 #truecrime',
      'horrorfilmabend: Scream, Halloween oder Saw? wer ist der beste killer 🔪🍿',
      'die kettensägen-szene in Texas Chainsaw Massacre, hab in mein kissen geschrien 😭',
      'neue folge meines true-crime-podcasts: der axtmord von 1994, 3 monate recherche 🎙️',
    ],
    es: [
      'En el capítulo 3 el detective encuentra el cuchillo del asesino bajo el suelo',
      'El villano amenaza con destruir la ciudad en la nueva de Marvel, me encantó',
      'acabo de terminar {show} y no puedo dormir, cómo planeó cada asesinato 😳 #truecrime',
      'noche de pelis de miedo: Scream, Halloween o Saw? quién es el mejor asesino 🔪🍿',
      'la escena de la motosierra en La matanza de Texas me hizo gritar contra la almohada 😭',
      'nuevo episodio de mi podcast de true crime: el crimen del hacha de 1994, 3 meses de investigación 🎙️',
    ],
    pt: [
      'No capítulo 3 o detetive acha a faca do assassino embaixo do assoalho',
      'O vilão ameaça destruir a cidade no novo filme da Marvel, amei',
      'terminei {show} e não consigo dormir, o jeito que cada assassinato foi planejado 😳 #truecrime',
      'noite de filme de terror: Pânico, Halloween ou Jogos Mortais? qual o melhor assassino 🔪🍿',
      'a cena da motosserra em O Massacre da Serra Elétrica me fez gritar no travesseiro 😭',
      'episódio novo do meu podcast de true crime: o crime do machado de 1994, 3 meses de pesquisa 🎙️',
    ],
  },
};

export const HARDNEG_NEWS: Functionality = {
  // Neutral reporting of attacks, shootings and stabbings.
  name: 'hardneg_news',
  positives: [],
  templates: {
    en: [
      'Three people were injured in a shooting outside a nightclub in {city} early Sunday, police said. A suspect has been arrested.',
      'BREAKING: police respond to reports of a stabbing at {city} central station. Avoid the area.',
      'Man sentenced to 18 years for killing his neighbour in {city}',
      'The driver who ploughed into the crowd in {city} was known to police, prosecutors said on Tuesday',
      'Live updates: what we know so far about the school shooting in {city}',
      'Arson attack on the town hall in {city}: no injuries, investigation underway',
    ],
    fr: [
      'Trois blessés dans une fusillade devant une boîte de nuit à {city} dans la nuit de samedi à dimanche, selon la police. Un suspect a été interpellé.',
      'URGENT : intervention de la police après une attaque au couteau en gare de {city}. Évitez le secteur.',
      'Un homme condamné à 18 ans de prison pour le meurtre de son voisin à {city}',
      'Le conducteur qui a foncé dans la foule à {city} était connu des services de police, selon le parquet',
      'EN DIRECT : ce que l’on sait de la fusillade dans un lycée de {city}',
      'Incendie criminel à la mairie de {city} : pas de blessés, une enquête est ouverte',
    ],
    de: [
      'Drei Verletzte bei Schüssen vor einem Nachtclub in {city} in der Nacht zu Sonntag, teilte die Polizei mit. Ein Verdächtiger wurde festgenommen.',
      'EILMELDUNG: Polizeieinsatz nach Messerangriff am Hauptbahnhof {city}. Bitte den Bereich meiden.',
      '18 Jahre Haft für Mann, der seinen Nachbarn in {city} getötet hat',
      'Der Fahrer, der in {city} in die Menschenmenge gerast ist, war polizeibekannt, so die Staatsanwaltschaft',
      'Liveticker: Was wir bisher über die Schüsse an einer Schule in {city} wissen',
      'Brandanschlag auf das Rathaus in {city}: keine Verletzten, die Ermittlungen laufen',
    ],
    es: [
      'Tres heridos en un tiroteo a la salida de una discoteca en {city} la madrugada del domingo, según la policía. Hay un detenido.',
      'ÚLTIMA HORA: la policía interviene tras un apuñalamiento en la estación de {city}. Eviten la zona.',
      'Condenado a 18 años el hombre que mató a su vecino en {city}',
      'El conductor que arrolló a la multitud en {city} tenía antecedentes, según la fiscalía',
      'Directo: lo que sabemos del tiroteo en un instituto de {city}',
      'Incendio intencionado en el ayuntamiento de {city}: sin heridos, la investigación sigue abierta',
    ],
    pt: [
      'Três pessoas ficaram feridas em um tiroteio na porta de uma boate em {city} na madrugada de domingo, segundo a polícia. Um suspeito foi preso.',
      'URGENTE: polícia atende ocorrência de esfaqueamento na estação central de {city}. Evitem a região.',
      'Homem é condenado a 18 anos por matar o vizinho em {city}',
      'Motorista que atropelou a multidão em {city} já era conhecido da polícia, diz o Ministério Público',
      'Ao vivo: o que se sabe até agora sobre o ataque a tiros em escola de {city}',
      'Incêndio criminoso na prefeitura de {city}: sem feridos, polícia investiga',
    ],
  },
};

export const HARDNEG_CONDEMNATION: Functionality = {
  // Mayors, police, schools, NGOs and people condemning an attack and supporting its victims.
  name: 'hardneg_condemnation',
  positives: [],
  templates: {
    en: [
      'The mayor of {city} strongly condemns {incident} last night. Our thoughts are with the victims and their families',
      'Statement from {city} Police: we condemn {incident} in the strongest terms. Victim support officers are with those affected and an investigation is under way',
      'Following {incident}, counsellors will be at {school} all week for any pupils and staff who need support',
      'Our charity utterly condemns {incident}. Violence has no place in our community. Our volunteers are on site today supporting everyone affected',
      'heartbroken about {incident} in {city}. sending love to everyone affected, if you need to talk my DMs are open ❤️',
      'Candlelit vigil tonight at 7pm outside the town hall in {city} for the victims. We stand together against {incident} 🕯️',
      'Faith leaders in {city} stand united after {incident}: an attack on one community is an attack on all of us',
      'The hospital in {city} is appealing for blood donors after {incident}. Thank you to everyone helping 🙏',
    ],
    fr: [
      'Le maire de {city} condamne avec la plus grande fermeté {incident} de cette nuit. Nos pensées vont aux victimes et à leurs familles',
      'Communiqué de la police de {city} : nous condamnons fermement {incident}. Une cellule d’aide aux victimes est ouverte et une enquête est en cours',
      'Suite à {incident}, une cellule d’écoute psychologique est ouverte toute la semaine à {school} pour les élèves et le personnel',
      'Notre association condamne sans réserve {incident}. La violence n’a pas sa place chez nous. Nos bénévoles sont sur place pour accompagner les personnes touchées',
      'le cœur brisé après {incident} à {city}. pensées à toutes les personnes touchées, si vous avez besoin de parler mes DM sont ouverts ❤️',
      'Rassemblement ce soir à 19h devant la mairie de {city} en hommage aux victimes de {incident}. Venez avec une bougie 🕯️',
      'Après {incident}, les responsables religieux de {city} affichent leur unité : s’en prendre à une communauté, c’est s’en prendre à nous tous',
      'Collecte de sang exceptionnelle à l’hôpital de {city} après {incident}, tous les groupes sanguins sont les bienvenus, merci à tous 🙏',
    ],
    de: [
      'Der Oberbürgermeister von {city} verurteilt {incident} von gestern Nacht aufs Schärfste. Unsere Gedanken sind bei den Opfern und ihren Familien',
      'Stellungnahme der Polizei {city}: Wir verurteilen {incident} aufs Schärfste. Opferschutzbeauftragte betreuen die Betroffenen, die Ermittlungen laufen',
      'Die Schulleitung der {school} verurteilt {incident}. Diese Woche stehen Schulpsychologen für alle Schüler und Lehrkräfte bereit',
      'Wir als Verein verurteilen {incident} ohne Wenn und Aber. Gewalt hat bei uns keinen Platz. Unsere Ehrenamtlichen sind heute vor Ort und unterstützen alle Betroffenen',
      'bin echt fertig, ich kann {incident} in {city} immer noch nicht fassen. ganz viel Kraft an alle Betroffenen, meine DMs sind offen wenn ihr reden wollt ❤️',
      'Mahnwache heute um 19 Uhr vor dem Rathaus in {city} im Gedenken an die Opfer. Gemeinsam verurteilen wir {incident}. Bringt Kerzen mit 🕯️',
      'Die Religionsgemeinschaften in {city} verurteilen gemeinsam {incident}: Ein Angriff auf eine Gemeinde ist ein Angriff auf uns alle',
      'Das Klinikum {city} ruft zur Blutspende für die [Verletzten|Opfer] auf. Alle Blutgruppen werden gebraucht, danke an alle Helfenden 🙏',
    ],
    es: [
      'El alcalde de {city} condena con la máxima firmeza {incident} de anoche. Todo nuestro apoyo a las víctimas y a sus familias',
      'Comunicado de la Policía de {city}: condenamos rotundamente {incident}. Hemos activado la oficina de atención a víctimas y la investigación sigue abierta',
      'Tras {incident}, el {school} contará toda la semana con un equipo de psicólogos para alumnos y profesores',
      'Desde nuestra asociación condenamos sin paliativos {incident}. La violencia no tiene cabida en nuestro barrio. Nuestros voluntarios están hoy acompañando a las personas afectadas',
      'sigo en shock por {incident} en {city}. mucho ánimo a todas las personas afectadas, si necesitáis hablar tengo el DM abierto ❤️',
      'Concentración esta tarde a las 19h frente al ayuntamiento de {city} en memoria de las víctimas. Condenamos {incident}. Trae una vela 🕯️',
      'Las comunidades religiosas de {city} se unen tras {incident}: un ataque contra una comunidad es un ataque contra todos',
      'El hospital de {city} hace un llamamiento urgente a donar sangre tras {incident}. Gracias a todos los que estáis ayudando 🙏',
    ],
    pt: [
      'O prefeito de {city} repudia veementemente {incident} desta madrugada e se solidariza com as vítimas e suas famílias',
      'Nota da Polícia Civil de {city}: repudiamos {incident}. As vítimas estão recebendo apoio e as investigações seguem em andamento',
      'Após {incident}, o {school} terá psicólogos à disposição de alunos e professores durante toda a semana',
      'Nossa ONG repudia {incident}. Violência não tem lugar na nossa comunidade. Nossos voluntários estão no local acolhendo todas as pessoas afetadas',
      'ainda em choque com {incident} em {city}. muita força pra todo mundo que foi afetado, se precisarem conversar minha DM tá aberta ❤️',
      'Vigília hoje às 19h em frente à prefeitura de {city} em memória das vítimas. Repudiamos {incident}. Tragam uma vela 🕯️',
      'Líderes religiosos de {city} se unem após {incident}: um ataque contra uma comunidade é um ataque contra todos nós',
      'O hospital de {city} pede doação de sangue urgente após {incident}. Obrigado a todos que estão ajudando 🙏',
    ],
  },
};

export const HARDNEG_EDUCATION: Functionality = {
  // Forensic science, criminology, war history, self-defence and first-aid classes.
  name: 'hardneg_education',
  positives: [],
  templates: {
    en: [
      'Forensic science module, week [3|5|7|9]: bloodstain pattern analysis and working out the angle of impact',
      'Today in criminology we looked at why [homicide|violent crime|knife crime] fell in {city} after the 90s',
      'History lecture tonight: the Battle of [the Somme|Verdun|Stalingrad] and why so many soldiers died in the first days',
      'Women’s self-defence class every [Tuesday|Thursday] at the community centre in {city}: how to break a wrist grab and get away safely',
      '[First aid course|St John Ambulance training]: if someone has a stab wound, apply firm pressure, never pull the object out and call 999',
      'just finished my forensic anthropology exam, had to identify blunt force trauma on a [skull|femur] replica 💀 send help',
      '{city} museum: new exhibition on the trenches of the First World War, with weapons, soldiers’ letters and field hospital kit',
      'our krav maga instructor showed us how to defend against a knife attack today. summary: run if you can 😅',
    ],
    fr: [
      'Cours de criminalistique, semaine [3|5|7|9] : analyse des traces de sang et calcul de l’angle d’impact',
      'En cours de criminologie on a étudié pourquoi [les homicides|la délinquance violente|les règlements de comptes] ont baissé à {city} depuis les années 90',
      'Conférence d’histoire ce soir : la bataille de [Verdun|la Somme|Stalingrad] et pourquoi tant de soldats sont morts dès les premiers jours',
      'Cours d’autodéfense pour femmes tous les [mardis|jeudis] à la MJC de {city} : se dégager d’une saisie de poignet et s’enfuir en sécurité',
      '[Formation PSC1|Cours de secourisme] : en cas de plaie par arme blanche, on comprime fort, on ne retire jamais l’objet et on appelle le 15',
      'exam d’anthropologie médico-légale terminé, fallait identifier un traumatisme contondant sur une réplique de [crâne|fémur] 💀 à l’aide',
      'Musée de {city} : nouvelle exposition sur les tranchées de 14-18, avec armes, lettres de poilus et matériel des hôpitaux de campagne',
      'notre prof de krav maga nous a montré comment se défendre contre une attaque au couteau. résumé : fuyez si vous pouvez 😅',
    ],
    de: [
      'Forensik-Vorlesung, Woche [3|5|7|9]: Blutspurenmusteranalyse und Bestimmung des Auftreffwinkels',
      'Heute in Kriminologie: warum die Zahl der [Tötungsdelikte|Gewaltdelikte|Messerangriffe] in {city} seit den 90ern gesunken ist',
      'Geschichtsvortrag heute Abend: die Schlacht [von Verdun|an der Somme|um Stalingrad] und warum so viele Soldaten schon in den ersten Tagen starben',
      'Selbstverteidigungskurs für Frauen jeden [Dienstag|Donnerstag] im Bürgerhaus {city}: wie man sich aus einem Handgelenkgriff befreit und sicher wegkommt',
      '[Erste-Hilfe-Kurs|Sanitätsausbildung]: Bei einer Stichverletzung fest draufdrücken, den Gegenstand nie rausziehen und die 112 rufen',
      'klausur in forensischer anthropologie geschafft, mussten ein stumpfes trauma an einem [schädelmodell|oberschenkelknochen] bestimmen 💀 hilfe',
      'Stadtmuseum {city}: neue Ausstellung über die Schützengräben des Ersten Weltkriegs, mit Waffen, Feldpostbriefen und Lazarettausrüstung',
      'unser krav maga trainer hat uns heute gezeigt wie man sich gegen einen messerangriff verteidigt. kurz gesagt: wenn möglich wegrennen 😅',
    ],
    es: [
      'Criminalística, semana [3|5|7|9]: análisis de patrones de manchas de sangre y cálculo del ángulo de impacto',
      'Hoy en criminología vimos por qué [los homicidios|los delitos violentos|los ajustes de cuentas] bajaron en {city} desde los años 90',
      'Charla de historia esta tarde: la batalla [del Ebro|de Verdún|de Stalingrado] y por qué murieron tantos soldados en los primeros días',
      'Curso de defensa personal para mujeres todos los [martes|jueves] en el centro cívico de {city}: cómo soltarse de un agarre de muñeca y huir con seguridad',
      '[Curso de primeros auxilios|Formación de socorrismo]: ante una herida por arma blanca, presiona fuerte, no retires el objeto y llama al 112',
      'acabo de salir del examen de antropología forense, había que identificar un traumatismo contundente en una réplica de [cráneo|fémur] 💀 socorro',
      'Museo de {city}: nueva exposición sobre la Guerra Civil, con armas, cartas del frente y material de los hospitales de campaña',
      'nuestro profe de krav maga nos enseñó hoy cómo defenderse de un ataque con cuchillo. resumen: si puedes, corre 😅',
    ],
    pt: [
      'Disciplina de ciência forense, semana [3|5|7|9]: análise de padrões de manchas de sangue e cálculo do ângulo de impacto',
      'Hoje na aula de criminologia vimos por que [os homicídios|os crimes violentos|os latrocínios] caíram em {city} nos últimos anos',
      'Palestra de história hoje à noite: a batalha de [Monte Castello|Verdun|Stalingrado] e por que tantos soldados morreram logo nos primeiros dias',
      'Aula de defesa pessoal para mulheres toda [terça|quinta] no centro comunitário de {city}: como se soltar de uma pegada no pulso e fugir com segurança',
      '[Curso de primeiros socorros|Treinamento de socorristas]: em caso de ferimento por faca, faça pressão firme, não retire o objeto e ligue 192',
      'acabei a prova de antropologia forense, tinha que identificar um trauma contundente numa réplica de [crânio|fêmur] 💀 socorro',
      'Museu de {city}: nova exposição sobre a Segunda Guerra Mundial, com armas, cartas dos pracinhas e equipamentos dos hospitais de campanha',
      'meu professor de krav maga ensinou hoje como se defender de um ataque com faca. resumo: se der, corre 😅',
    ],
  },
};
