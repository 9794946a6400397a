import type { GeneratorSpec } from './template';

/**
 * Spam and scams: get-rich-quick, phishing ("verify your account"), fake prizes, crypto doubling, follower
 * selling, short captions; hard negatives: real shop announcements, event invites, personal news, anti-phishing
 * advice. Brands are the ones phishers imitate in each market.
 */
export const SPAM: GeneratorSpec = {
  name: 'spam',
  slots: {
    en: {
      link: [
        'bit.ly/3xQz9',
        'secure-verify-login.com',
        'tinyurl.com/claim-now',
        'the link in my bio',
        'paypa1-support.net',
      ],
      money: ['$500', '$1,000', '$300', '$5,000'],
      brand: ['PayPal', 'Netflix', 'Amazon', 'Chase', 'Apple ID', 'Royal Mail'],
      prize: ['an iPhone 16', 'a $1,000 Walmart gift card', 'a new PS5', 'a free cruise'],
      coin: ['BTC', 'ETH', 'USDT', 'SOL'],
      celeb: ['Elon Musk', 'MrBeast', 'Binance'],
      n: ['10k', '5,000', '50k', '1,000'],
      day: ['Monday', 'Saturday', 'Sunday', 'Friday'],
      shop: ['bakery', 'bookshop', 'bike shop', 'café'],
    },
    fr: {
      link: [
        'bit.ly/3xQz9',
        'verif-compte-securise.com',
        'tinyurl.com/gagnant',
        'le lien en bio',
        'ameli-remboursement.fr.net',
      ],
      money: ['500 €', '1 000 €', '300 €', '5 000 €'],
      brand: ['PayPal', 'Netflix', 'Amazon', 'Crédit Agricole', 'Ameli', 'La Poste'],
      prize: ['un iPhone 16', 'une carte cadeau Carrefour de 1 000 €', 'une PS5', 'une croisière'],
      coin: ['BTC', 'ETH', 'USDT', 'SOL'],
      celeb: ['Elon Musk', 'Xavier Niel', 'Binance'],
      n: ['10k', '5 000', '50k', '1 000'],
      day: ['lundi', 'samedi', 'dimanche', 'vendredi'],
      shop: ['boulangerie', 'librairie', 'boutique de vélos', 'café'],
    },
    de: {
      link: [
        'bit.ly/3xQz9',
        'konto-verifizierung-sicher.com',
        'tinyurl.com/gewinner',
        'bit.ly/konto-check',
        'sparkasse-login.de.net',
      ],
      money: ['500 €', '1.000 €', '300 €', '5.000 €'],
      brand: ['PayPal', 'Netflix', 'Amazon', 'Sparkasse', 'DHL', 'Apple-ID'],
      prize: ['ein iPhone 16', 'einen MediaMarkt-Gutschein über 1.000 €', 'eine PS5', 'eine Kreuzfahrt'],
      coin: ['BTC', 'ETH', 'USDT', 'SOL'],
      celeb: ['Elon Musk', 'Dieter Bohlen', 'Binance'],
      n: ['10k', '5.000', '50k', '1.000'],
      day: ['Montag', 'Samstag', 'Sonntag', 'Freitag'],
      shop: ['Bäckerei', 'Buchhandlung', 'Fahrradladen', 'Café'],
    },
    es: {
      link: [
        'bit.ly/3xQz9',
        'verificar-cuenta-segura.com',
        'tinyurl.com/ganador',
        'el link de mi bio',
        'correos-envio.es.net',
      ],
      money: ['500 €', '1.000 €', '300 €', '5.000 €'],
      brand: ['PayPal', 'Netflix', 'Amazon', 'BBVA', 'Correos', 'la Agencia Tributaria'],
      prize: ['un iPhone 16', 'una tarjeta regalo de El Corte Inglés de 1.000 €', 'una PS5', 'un crucero'],
      coin: ['BTC', 'ETH', 'USDT', 'SOL'],
      celeb: ['Elon Musk', 'Amancio Ortega', 'Binance'],
      n: ['10k', '5.000', '50k', '1.000'],
      day: ['lunes', 'sábado', 'domingo', 'viernes'],
      shop: ['panadería', 'librería', 'tienda de bicis', 'cafetería'],
    },
    pt: {
      link: [
        'bit.ly/3xQz9',
        'verificar-conta-segura.com',
        'tinyurl.com/ganhador',
        'bit.ly/conta-segura',
        'correios-rastreio.com.net',
      ],
      money: ['R$ 500', 'R$ 1.000', '300 €', 'R$ 5.000'],
      brand: ['PayPal', 'Netflix', 'Nubank', 'Itaú', 'Correios', 'CTT'],
      prize: ['um iPhone 16', 'um vale-compras de R$ 1.000', 'um PS5', 'um cruzeiro'],
      coin: ['BTC', 'ETH', 'USDT', 'SOL'],
      celeb: ['Elon Musk', 'Neymar', 'Binance'],
      n: ['10 mil', '5 mil', '50 mil', '1.000'],
      day: ['segunda', 'sábado', 'domingo', 'sexta'],
      shop: ['padaria', 'livraria', 'loja de bicicletas', 'cafeteria'],
    },
  },
  functionalities: [
    {
      name: 'spam_get_rich_quick',
      positives: ['spam'],
      templates: {
        en: [
          'I made {money} this week working from home, DM me to learn how 💰',
          'Earn {money} a day from your phone, no experience needed! {link}',
          'Quit your 9-5! My students make {money} daily, spots limited {link}',
        ],
        fr: [
          "J'ai gagné {money} cette semaine depuis chez moi, écris-moi pour savoir comment 💰",
          'Gagne {money} par jour avec ton téléphone, sans expérience ! {link}',
          'Quitte ton boulot ! Mes élèves gagnent {money} par jour, places limitées {link}',
        ],
        de: [
          'Ich habe diese Woche {money} von zu Hause verdient, schreib mir und ich zeig dir wie 💰',
          'Verdiene {money} am Tag mit deinem Handy, keine Erfahrung nötig! {link}',
          'Kündige deinen Job! Meine Schüler machen {money} täglich, nur wenige Plätze {link}',
        ],
        es: [
          'Gané {money} esta semana desde casa, escríbeme y te enseño cómo 💰',
          'Gana {money} al día desde tu móvil, sin experiencia. {link}',
          '¡Deja tu trabajo! Mis alumnos ganan {money} diarios, plazas limitadas {link}',
        ],
        pt: [
          'Ganhei {money} essa semana trabalhando de casa, me chama que eu te ensino 💰',
          'Ganhe {money} por dia pelo celular, sem experiência! {link}',
          'Largue seu emprego! Meus alunos ganham {money} por dia, vagas limitadas {link}',
        ],
      },
    },
    {
      name: 'spam_phishing',
      positives: ['spam'],
      templates: {
        en: [
          '{brand}: your account has been suspended. Verify your identity within 24 hours at {link}',
          'Unusual sign-in detected on your {brand} account, confirm your details here: {link}',
          'Your parcel could not be delivered. Pay the £1.99 fee at {link}',
          'Final notice: your {brand} payment failed. Update your card within 12 hours: {link}',
        ],
        fr: [
          '{brand} : votre compte a été suspendu. Vérifiez votre identité sous 24 h sur {link}',
          'Connexion inhabituelle sur votre compte {brand}, confirmez vos informations ici : {link}',
          'Votre colis n’a pas pu être livré. Réglez les frais de 1,99 € sur {link}',
          'Dernier avis : votre paiement {brand} a échoué. Mettez à jour votre carte sous 12 h : {link}',
        ],
        de: [
          '{brand}: Ihr Konto wurde gesperrt. Bestätigen Sie Ihre Identität innerhalb von 24 Stunden unter {link}',
          'Ungewöhnliche Anmeldung bei Ihrem {brand}-Konto, bestätigen Sie Ihre Daten hier: {link}',
          'Ihr Paket konnte nicht zugestellt werden. Zahlen Sie die Gebühr von 1,99 € unter {link}',
          'Letzte Mahnung: Ihre Zahlung bei {brand} ist fehlgeschlagen. Aktualisieren Sie Ihre Karte binnen 12 Stunden: {link}',
        ],
        es: [
          '{brand}: tu cuenta ha sido suspendida. Verifica tu identidad en 24 horas en {link}',
          'Inicio de sesión inusual en tu cuenta de {brand}, confirma tus datos aquí: {link}',
          'Tu paquete no pudo ser entregado. Paga la tasa de 1,99 € en {link}',
          'Último aviso: tu pago de {brand} ha fallado. Actualiza tu tarjeta en 12 horas: {link}',
        ],
        pt: [
          '{brand}: sua conta foi bloqueada. Confirme sua identidade em 24 horas em {link}',
          'Acesso incomum na sua conta {brand}, confirme seus dados aqui: {link}',
          'Sua encomenda não pôde ser entregue. Pague a taxa de R$ 1,99 em {link}',
          'Último aviso: seu pagamento {brand} falhou. Atualize seu cartão em 12 horas: {link}',
        ],
      },
    },
    {
      name: 'spam_fake_prize',
      positives: ['spam'],
      templates: {
        en: [
          'Congratulations! You have won {prize}. Claim your prize now at {link}',
          'You are our 1,000,000th visitor! Collect {prize} before midnight: {link}',
          '🎁 GIVEAWAY: {prize} for the first 100 who share and click {link}',
        ],
        fr: [
          'Félicitations ! Vous avez gagné {prize}. Réclamez votre lot sur {link}',
          'Vous êtes notre 1 000 000e visiteur ! Récupérez {prize} avant minuit : {link}',
          '🎁 CONCOURS : {prize} pour les 100 premiers qui partagent et cliquent sur {link}',
        ],
        de: [
          'Herzlichen Glückwunsch! Sie haben {prize} gewonnen. Fordern Sie Ihren Gewinn jetzt an: {link}',
          'Sie sind unser 1.000.000. Besucher! Holen Sie sich {prize} vor Mitternacht: {link}',
          '🎁 GEWINNSPIEL: {prize} für die ersten 100, die teilen und {link} klicken',
        ],
        es: [
          '¡Enhorabuena! Has ganado {prize}. Reclama tu premio en {link}',
          '¡Eres nuestro visitante 1.000.000! Recoge {prize} antes de medianoche: {link}',
          '🎁 SORTEO: {prize} para los 100 primeros que compartan y entren en {link}',
        ],
        pt: [
          'Parabéns! Você ganhou {prize}. Resgate seu prêmio em {link}',
          'Você é nosso visitante número 1.000.000! Pegue {prize} antes da meia-noite: {link}',
          '🎁 SORTEIO: {prize} para os 100 primeiros que compartilharem e clicarem em {link}',
        ],
      },
    },
    {
      name: 'spam_crypto_doubling',
      positives: ['spam'],
      templates: {
        en: [
          '{celeb} giveaway: send 0.1 {coin} and get 0.2 {coin} back instantly! {link}',
          'Double your {coin} in 24 hours, guaranteed 200% returns with our trading bot {link}',
          'I invested {money} in {coin} with this signal group and now I am rich, join {link}',
        ],
        fr: [
          'Cadeau de {celeb} : envoyez 0,1 {coin} et recevez 0,2 {coin} immédiatement ! {link}',
          'Doublez vos {coin} en 24 h, 200 % de rendement garanti avec notre bot {link}',
          "J'ai investi {money} en {coin} grâce à ce groupe de signaux, rejoins {link}",
        ],
        de: [
          '{celeb}-Giveaway: Sende 0,1 {coin} und erhalte sofort 0,2 {coin} zurück! {link}',
          'Verdopple deine {coin} in 24 Stunden, 200 % Rendite garantiert mit unserem Bot {link}',
          'Ich habe {money} in {coin} investiert mit dieser Signalgruppe und bin jetzt reich, komm in {link}',
        ],
        es: [
          'Regalo de {celeb}: envía 0,1 {coin} y recibe 0,2 {coin} al instante. {link}',
          'Duplica tus {coin} en 24 horas, 200 % de rentabilidad garantizada con nuestro bot {link}',
          'Invertí {money} en {coin} con este grupo de señales y ahora soy rico, únete en {link}',
        ],
        pt: [
          'Sorteio do {celeb}: envie 0,1 {coin} e receba 0,2 {coin} na hora! {link}',
          'Dobre seus {coin} em 24 horas, 200% de retorno garantido com nosso robô {link}',
          'Investi {money} em {coin} com esse grupo de sinais e fiquei rico, entra em {link}',
        ],
      },
    },
    {
      name: 'spam_follower_selling',
      positives: ['spam'],
      templates: {
        en: [
          'Buy {n} Instagram followers for $9.99, real and active! {link}',
          'Get {n} likes instantly, cheap and safe, DM now',
        ],
        fr: [
          'Achète {n} abonnés Instagram pour 9,99 €, réels et actifs ! {link}',
          'Reçois {n} likes instantanément, pas cher et sans risque, DM',
        ],
        de: [
          'Kaufe {n} Instagram-Follower für 9,99 €, echt und aktiv! {link}',
          'Sofort {n} Likes, günstig und sicher, schreib per DM',
        ],
        es: [
          'Compra {n} seguidores de Instagram por 9,99 €, reales y activos. {link}',
          'Consigue {n} likes al instante, barato y seguro, escribe al DM',
        ],
        pt: [
          'Compre {n} seguidores no Instagram por R$ 9,99, reais e ativos! {link}',
          'Ganhe {n} curtidas na hora, barato e seguro, chama no DM',
        ],
      },
    },
    {
      name: 'spam_short_caption',
      positives: ['spam'],
      templates: {
        en: ['free {prize} {link}', 'double your {coin}', 'verify account {link}', 'cheap followers DM'],
        fr: [
          '{prize} gratuit {link}',
          'doublez vos {coin}',
          'vérifiez votre compte {link}',
          'abonnés pas chers DM',
        ],
        de: [
          'gratis {prize} {link}',
          'verdopple deine {coin}',
          'Konto verifizieren {link}',
          'billige Follower DM',
        ],
        es: [
          '{prize} gratis {link}',
          'duplica tus {coin}',
          'verifica tu cuenta {link}',
          'seguidores baratos DM',
        ],
        pt: [
          '{prize} grátis {link}',
          'dobre seus {coin}',
          'confirme sua conta {link}',
          'seguidores baratos DM',
        ],
      },
    },
    {
      name: 'hardneg_shop_announcement',
      positives: [],
      templates: {
        en: [
          'Our {shop} reopens on {day}, fresh bread from 7am. See you there!',
          'Summer sale in store: 20% off all shoes until {day}',
          'New opening hours for the {shop}: closed on {day} from next month',
        ],
        fr: [
          'Notre {shop} rouvre {day}, pain frais dès 7 h. À bientôt !',
          'Soldes d’été en magasin : -20 % sur toutes les chaussures jusqu’à {day}',
          'Nouveaux horaires de la {shop} : fermé le {day} à partir du mois prochain',
        ],
        de: [
          'Unsere {shop} öffnet am {day} wieder, frisches Brot ab 7 Uhr. Bis bald!',
          'Sommerschlussverkauf im Laden: 20 % auf alle Schuhe bis {day}',
          'Neue Öffnungszeiten der {shop}: ab nächstem Monat {day} geschlossen',
        ],
        es: [
          'Nuestra {shop} reabre el {day}, pan recién hecho desde las 7. ¡Os esperamos!',
          'Rebajas de verano en tienda: 20 % en todo el calzado hasta el {day}',
          'Nuevo horario de la {shop}: cerrado los {day} desde el mes que viene',
        ],
        pt: [
          'Nossa {shop} reabre na {day}, pão fresquinho a partir das 7h. Esperamos vocês!',
          'Liquidação de verão na loja: 20% em todos os sapatos até {day}',
          'Novo horário da {shop}: fechado aos {day} a partir do mês que vem',
        ],
      },
    },
    {
      name: 'hardneg_event_invite',
      positives: [],
      templates: {
        en: [
          'Birthday party at mine on {day}, bring snacks!',
          'Community clean-up at the park on {day} at 10, everyone welcome',
        ],
        fr: [
          'Anniversaire chez moi {day}, ramenez à grignoter !',
          'Nettoyage du parc avec le quartier {day} à 10 h, tout le monde est bienvenu',
        ],
        de: [
          'Geburtstagsparty bei mir am {day}, bringt Snacks mit!',
          'Aufräumaktion im Park am {day} um 10, alle sind willkommen',
        ],
        es: [
          'Cumple en mi casa el {day}, ¡traed algo de picar!',
          'Limpieza del parque con el barrio el {day} a las 10, todos bienvenidos',
        ],
        pt: [
          'Aniversário lá em casa no {day}, tragam petiscos!',
          'Mutirão de limpeza no parque {day} às 10, todos são bem-vindos',
        ],
      },
    },
    {
      name: 'hardneg_personal_news',
      positives: [],
      templates: {
        en: [
          'I got the job!!! Starting on {day}',
          'We just bought our first house, so happy',
          'Won {money} in the office quiz, drinks are on me',
        ],
        fr: [
          "J'ai eu le poste !!! Je commence {day}",
          'On vient d’acheter notre première maison, trop heureux',
          "J'ai gagné {money} au quiz du bureau, c'est ma tournée",
        ],
        de: [
          'Ich hab den Job!!! Fange am {day} an',
          'Wir haben gerade unser erstes Haus gekauft, so glücklich',
          'Beim Büroquiz {money} gewonnen, die Runde geht auf mich',
        ],
        es: [
          '¡¡¡Me han dado el trabajo!!! Empiezo el {day}',
          'Acabamos de comprar nuestra primera casa, qué felicidad',
          'Gané {money} en el concurso de la oficina, invito yo',
        ],
        pt: [
          'Consegui o emprego!!! Começo na {day}',
          'Acabamos de comprar nossa primeira casa, que felicidade',
          'Ganhei {money} no quiz do escritório, a rodada é minha',
        ],
      },
    },
    {
      name: 'hardneg_anti_phishing_advice',
      positives: [],
      templates: {
        en: [
          'Reminder: {brand} will never ask for your password by text. Do not click links like that',
          'Got a fake "verify your account" message today, reported it as phishing',
        ],
        fr: [
          'Rappel : {brand} ne vous demandera jamais votre mot de passe par SMS. Ne cliquez pas sur ces liens',
          "J'ai reçu un faux message « vérifiez votre compte », signalé comme hameçonnage",
        ],
        de: [
          'Erinnerung: {brand} fragt nie per SMS nach deinem Passwort. Klick nicht auf solche Links',
          'Heute eine gefälschte „Konto bestätigen“-Nachricht bekommen, als Phishing gemeldet',
        ],
        es: [
          'Recuerda: {brand} nunca te pedirá la contraseña por SMS. No pinches en esos enlaces',
          'Hoy me llegó un falso «verifica tu cuenta», lo denuncié como phishing',
        ],
        pt: [
          'Lembrete: {brand} nunca pede sua senha por SMS. Não clique nesses links',
          'Recebi hoje uma mensagem falsa de "confirme sua conta", denunciei como golpe',
        ],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['new job!', 'grand opening', 'we won!', 'payday treat'],
        fr: ['nouveau job !', 'grande ouverture', 'on a gagné !', 'jour de paie'],
        de: ['neuer Job!', 'große Eröffnung', 'gewonnen!', 'Zahltag heute'],
        es: ['¡trabajo nuevo!', 'gran inauguración', '¡ganamos!', 'día de cobro'],
        pt: ['emprego novo!', 'grande inauguração', 'ganhamos!', 'dia de pagamento'],
      },
    },
  ],
};
