import type { Functionality } from '../template';

// Functionalities of the spam generator; ./index.ts lists them in order.

export const HARDNEG_SHOP_ANNOUNCEMENT: Functionality = {
  name: 'hardneg_shop_announcement',
  positives: [],
  templates: {
    en: [
      'Our {shop} reopens on {day}, fresh bread from 7am. See you there!',
      'Summer sale in store: 20% off all shoes until {day}',
      'New opening hours for the {shop}: closed on {day} from next month',
      'Black Friday at our little shop 🖤 [15|20|10]% off everything in store this weekend, no code needed',
      '{market} near me has strawberries half price today if anyone’s going 🍓',
    ],
    fr: [
      'Notre {shop} rouvre {day}, pain frais dès 7 h. À bientôt !',
      'Soldes d’été en magasin : -20 % sur toutes les chaussures jusqu’à {day}',
      'Nouveaux horaires de la {shop} : fermé le {day} à partir du mois prochain',
      'Black Friday à la boutique 🖤 [-15|-20|-10] % sur tout en magasin ce week-end, pas besoin de code',
      '{market} près de chez moi a les fraises à moitié prix aujourd’hui si ça intéresse quelqu’un 🍓',
    ],
    de: [
      'Unsere {shop} öffnet am {day} wieder, frisches Brot ab 7 Uhr. Bis bald!',
      'Sommerschlussverkauf im Laden: 20 % auf alle Schuhe bis {day}',
      'Neue Öffnungszeiten der {shop}: ab nächstem Monat {day} geschlossen',
      'Black Friday in unserem kleinen Laden 🖤 [15|20|10] % auf alles im Geschäft dieses Wochenende, kein Code nötig',
      '{market} bei mir um die Ecke hat heute Erdbeeren zum halben Preis, falls jemand hin will 🍓',
    ],
    es: [
      'Nuestra {shop} reabre el {day}, pan recién hecho desde las 7. ¡Os esperamos!',
      'Rebajas de verano en tienda: 20 % en todo el calzado hasta el {day}',
      'Nuevo horario de la {shop}: cerrado los {day} desde el mes que viene',
      'Black Friday en nuestra tiendecita 🖤 [15|20|10] % en todo en tienda este finde, sin código',
      'en {market} tienen hoy las fresas a mitad de precio, por si alguien va 🍓',
    ],
    pt: [
      'Nossa {shop} reabre na {day}, pão fresquinho a partir das 7h. Esperamos vocês!',
      'Liquidação de verão na loja: 20% em todos os sapatos até {day}',
      'Novo horário da {shop}: fechado aos {day} a partir do mês que vem',
      'Black Friday na nossa lojinha 🖤 [15|20|10]% em tudo na loja esse fim de semana, sem cupom',
      'o {market} aqui perto tá com morango pela metade do preço hoje, se alguém for 🍓',
    ],
  },
};

export const HARDNEG_EVENT_INVITE: Functionality = {
  name: 'hardneg_event_invite',
  positives: [],
  templates: {
    en: [
      'Birthday party at mine on {day}, bring snacks!',
      'Community clean-up at the park on {day} at 10, everyone welcome',
      'book club at mine on {day} 📚 this month: anything by Agatha Christie',
      'who’s up for 5-a-side on {day}? need 2 more ⚽',
      'my band is playing at the pub round the corner {day} night, free entry, come say hi 🎸',
    ],
    fr: [
      'Anniversaire chez moi {day}, ramenez à grignoter !',
      'Nettoyage du parc avec le quartier {day} à 10 h, tout le monde est bienvenu',
      'club de lecture chez moi {day} 📚 ce mois-ci : un Agatha Christie au choix',
      'qui est chaud pour un five {day} ? il manque 2 joueurs ⚽',
      'mon groupe joue au bar du coin {day} soir, entrée gratuite, venez dire bonjour 🎸',
    ],
    de: [
      'Geburtstagsparty bei mir am {day}, bringt Snacks mit!',
      'Aufräumaktion im Park am {day} um 10, alle sind willkommen',
      'Buchclub am {day} bei mir 📚 diesen Monat: irgendwas von Agatha Christie',
      'wer hat Bock auf Kicken am {day}? brauchen noch 2 Leute ⚽',
      'meine Band spielt am {day} abends in der Kneipe ums Eck, Eintritt frei, kommt vorbei 🎸',
    ],
    es: [
      'Cumple en mi casa el {day}, ¡traed algo de picar!',
      'Limpieza del parque con el barrio el {day} a las 10, todos bienvenidos',
      'club de lectura en mi casa el {day} 📚 este mes: cualquiera de Agatha Christie',
      '¿quién se apunta a un fútbol 7 el {day}? faltan 2 ⚽',
      'mi grupo toca en el bar de la esquina el {day} por la noche, entrada gratis, venid a saludar 🎸',
    ],
    pt: [
      'Aniversário lá em casa no {day}, tragam petiscos!',
      'Mutirão de limpeza no parque {day} às 10, todos são bem-vindos',
      'clube do livro lá em casa, {day} 📚 esse mês: qualquer um da Agatha Christie',
      'quem topa um fut {day}? faltam 2 ⚽',
      'minha banda toca no bar da esquina {day} à noite, entrada grátis, apareçam 🎸',
    ],
  },
};

export const HARDNEG_PERSONAL_NEWS: Functionality = {
  name: 'hardneg_personal_news',
  positives: [],
  templates: {
    en: [
      'I got the job!!! Starting on {day}',
      'We just bought our first house, so happy',
      'Won {money} in the office quiz, drinks are on me',
      'finished my first marathon 🏃‍♀️ 4h12, wrote about the whole thing here: {plink}',
      'we got married!!! 💍 photos from the day: {plink}',
    ],
    fr: [
      "J'ai eu le poste !!! Je commence {day}",
      'On vient d’acheter notre première maison, trop heureux',
      "J'ai gagné {money} au quiz du bureau, c'est ma tournée",
      'premier marathon bouclé 🏃‍♀️ 4h12, j’ai tout raconté ici : {plink}',
      'on s’est mariés !!! 💍 les photos de la journée : {plink}',
    ],
    de: [
      'Ich hab den Job!!! Fange am {day} an',
      'Wir haben gerade unser erstes Haus gekauft, so glücklich',
      'Beim Büroquiz {money} gewonnen, die Runde geht auf mich',
      'ersten Marathon geschafft 🏃‍♀️ 4:12, hab hier alles aufgeschrieben: {plink}',
      'wir haben geheiratet!!! 💍 Fotos vom Tag: {plink}',
    ],
    es: [
      '¡¡¡Me han dado el trabajo!!! Empiezo el {day}',
      'Acabamos de comprar nuestra primera casa, qué felicidad',
      'Gané {money} en el concurso de la oficina, invito yo',
      'primer maratón terminado 🏃‍♀️ 4h12, lo cuento todo aquí: {plink}',
      '¡¡¡nos hemos casado!!! 💍 fotos del día: {plink}',
    ],
    pt: [
      'Consegui o emprego!!! Começo na {day}',
      'Acabamos de comprar nossa primeira casa, que felicidade',
      'Ganhei {money} no quiz do escritório, a rodada é minha',
      'primeira maratona concluída 🏃‍♀️ 4h12, contei tudo aqui: {plink}',
      'casamos!!! 💍 fotos do dia: {plink}',
    ],
  },
};

export const HARDNEG_ANTI_PHISHING_ADVICE: Functionality = {
  name: 'hardneg_anti_phishing_advice',
  positives: [],
  templates: {
    en: [
      'Reminder: {brand} will never ask for your password by text. Do not click links like that',
      'Got a fake "verify your account" message today, reported it as phishing',
      'From {bank}: we will NEVER ask for your PIN, password or one-time code by phone, text or email. If in doubt, hang up and call the number on your card',
      'PSA: that "{market} gift card" post going around is a scam. don’t enter your details, {market} confirmed it’s fake',
      'my nan nearly fell for the "hi mum new number" text today. please warn your parents 🙏',
    ],
    fr: [
      'Rappel : {brand} ne vous demandera jamais votre mot de passe par SMS. Ne cliquez pas sur ces liens',
      "J'ai reçu un faux message « vérifiez votre compte », signalé comme hameçonnage",
      'De la part de {bank} : nous ne vous demanderons JAMAIS votre code, mot de passe ou code SMS par téléphone, SMS ou mail. En cas de doute, raccrochez et appelez le numéro au dos de votre carte',
      'Attention : le post « carte cadeau {market} » qui tourne est une arnaque. donnez pas vos infos, {market} a confirmé que c’est faux',
      'ma grand-mère a failli se faire avoir par le SMS « coucou maman nouveau numéro » aujourd’hui. prévenez vos parents 🙏',
    ],
    de: [
      'Erinnerung: {brand} fragt nie per SMS nach deinem Passwort. Klick nicht auf solche Links',
      'Heute eine gefälschte „Konto bestätigen“-Nachricht bekommen, als Phishing gemeldet',
      'Von {bank}: Wir fragen Sie NIEMALS per Telefon, SMS oder E-Mail nach PIN, Passwort oder TAN. Im Zweifel auflegen und die Nummer auf Ihrer Karte anrufen',
      'Achtung: der „{market}-Gutschein“-Post, der gerade rumgeht, ist Betrug. keine Daten eingeben, {market} hat bestätigt, dass er fake ist',
      'meine Oma wäre heute fast auf die „Hallo Mama, neue Nummer“-SMS reingefallen. warnt eure Eltern 🙏',
    ],
    es: [
      'Recuerda: {brand} nunca te pedirá la contraseña por SMS. No pinches en esos enlaces',
      'Hoy me llegó un falso «verifica tu cuenta», lo denuncié como phishing',
      'De parte de {bank}: NUNCA te pediremos tu PIN, contraseña o código SMS por teléfono, SMS o email. Si dudas, cuelga y llama al número de tu tarjeta',
      'Ojo: el post de la "tarjeta regalo de {market}" que circula es una estafa. no metáis vuestros datos, {market} ha confirmado que es falso',
      'mi abuela casi cae hoy con el SMS de "hola mamá, número nuevo". avisad a vuestros padres 🙏',
    ],
    pt: [
      'Lembrete: {brand} nunca pede sua senha por SMS. Não clique nesses links',
      'Recebi hoje uma mensagem falsa de "confirme sua conta", denunciei como golpe',
      'Do {bank}: NUNCA pedimos sua senha, PIN ou código por telefone, SMS ou e-mail. Na dúvida, desligue e ligue pro número do seu cartão',
      'Atenção: esse post do "vale-presente {market}" que tá rodando é golpe. não coloquem seus dados, o {market} confirmou que é falso',
      'minha avó quase caiu hoje no golpe do "oi mãe, número novo". avisem seus pais 🙏',
    ],
  },
};

export const HARDNEG_CHARITY_FUNDRAISER: Functionality = {
  name: 'hardneg_charity_fundraiser',
  positives: [],
  templates: {
    en: [
      'I’m running the half marathon on {day} for the children’s hospital that saved my son 💙 every pound helps: {fundlink}',
      'our neighbour lost everything in the fire last week. we set up a fundraiser for her family, even sharing helps 🙏 {fundlink}',
      'shaving my head for cancer research next month 😅 sponsor me here {fundlink}',
      'the local animal shelter’s roof collapsed in the storm. i’m collecting donations, target £2,000 {fundlink}',
      'bake sale at my kids’ school on {day} for the food bank 🧁 come along or donate here {fundlink}',
    ],
    fr: [
      'je cours le semi-marathon {day} pour l’hôpital pour enfants qui a sauvé mon fils 💙 chaque euro compte : {fundlink}',
      'notre voisine a tout perdu dans l’incendie la semaine dernière. on a lancé une cagnotte pour sa famille, même un partage aide 🙏 {fundlink}',
      'je me rase la tête pour la recherche contre le cancer le mois prochain 😅 soutenez-moi ici {fundlink}',
      'le toit du refuge animalier du coin s’est effondré pendant la tempête. je collecte des dons, objectif 2 000 € {fundlink}',
      'vente de gâteaux à l’école des enfants {day} pour la banque alimentaire 🧁 passez ou donnez ici {fundlink}',
    ],
    de: [
      'ich laufe am {day} den Halbmarathon für die Kinderklinik, die meinen Sohn gerettet hat 💙 jeder Euro hilft: {fundlink}',
      'unsere Nachbarin hat letzte Woche beim Brand alles verloren. wir sammeln für ihre Familie, auch Teilen hilft 🙏 {fundlink}',
      'ich rasier mir nächsten Monat für die Krebsforschung die Haare ab 😅 sponsert mich hier {fundlink}',
      'beim Sturm ist das Dach vom Tierheim bei uns eingestürzt. ich sammle Spenden, Ziel 2.000 € {fundlink}',
      'Kuchenverkauf an der Schule meiner Kinder am {day} für die Tafel 🧁 kommt vorbei oder spendet hier {fundlink}',
    ],
    es: [
      'corro la media maratón el {day} por el hospital infantil que salvó a mi hijo 💙 cada euro cuenta: {fundlink}',
      'nuestra vecina lo perdió todo en el incendio la semana pasada. hemos abierto una recaudación para su familia, compartir también ayuda 🙏 {fundlink}',
      'me rapo la cabeza por la investigación contra el cáncer el mes que viene 😅 apoyadme aquí {fundlink}',
      'el tejado de la protectora del barrio se hundió con la tormenta. estoy recogiendo donativos, objetivo 2.000 € {fundlink}',
      'venta de pasteles en el cole de mis hijos el {day} para el banco de alimentos 🧁 venid o donad aquí {fundlink}',
    ],
    pt: [
      'vou correr a meia maratona {day} pelo hospital infantil que salvou meu filho 💙 cada real ajuda: {fundlink}',
      'nossa vizinha perdeu tudo no incêndio semana passada. fizemos uma vaquinha pra família dela, compartilhar também ajuda 🙏 {fundlink}',
      'vou raspar a cabeça pela pesquisa contra o câncer mês que vem 😅 me apoiem aqui {fundlink}',
      'o telhado do abrigo de animais do bairro caiu na tempestade. tô arrecadando doações, meta R$ 2.000 {fundlink}',
      'venda de bolos na escola das crianças {day} pro banco de alimentos 🧁 apareçam ou doem aqui {fundlink}',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: ['new job!', 'grand opening', 'we won!', 'payday treat', 'new blog post'],
    fr: ['nouveau job !', 'grande ouverture', 'on a gagné !', 'jour de paie', 'nouvel article'],
    de: ['neuer Job!', 'große Eröffnung', 'gewonnen!', 'Zahltag heute', 'neuer Blogpost'],
    es: ['¡trabajo nuevo!', 'gran inauguración', '¡ganamos!', 'día de cobro', 'nuevo post'],
    pt: ['emprego novo!', 'grande inauguração', 'ganhamos!', 'dia de pagamento', 'post novo'],
  },
};
