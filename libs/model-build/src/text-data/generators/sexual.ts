import type { GeneratorSpec } from './template';

/**
 * Sexual (adults only; `sexual/minors` is never generated and stays unknown): explicit solicitation, adult
 * dating spam (sexual + spam), selling explicit content, short captions; hard negatives: sex education, medical
 * screening, romance without explicit content, two-word captions with look-alike words ("nude lipstick").
 */
export const SEXUAL: GeneratorSpec = {
  name: 'sexual',
  slots: {
    en: {
      city: ['London', 'Leeds', 'Chicago', 'Dallas', 'your area'],
      link: ['bit.ly/hot-date', 'link in bio', 'hotsingles.example', 'the link below'],
      who: ['lonely wives', 'hot singles', 'horny women', 'local milfs'],
      price: ['$10', '$25', '$50'],
      when: ['tonight', 'right now', 'this weekend'],
      years: ['5 years', '10 years', 'one year', '30 years'],
    },
    fr: {
      city: ['Paris', 'Lyon', 'Bordeaux', 'Montréal', 'ta ville'],
      link: ['bit.ly/rencontre-chaude', 'lien en bio', 'celibs-coquins.example', 'le lien ci-dessous'],
      who: ['des femmes mariées', 'des célibataires chaudes', 'des femmes coquines', 'des cougars'],
      price: ['10 €', '25 €', '50 €'],
      when: ['ce soir', 'maintenant', 'ce week-end'],
      years: ['5 ans', '10 ans', 'un an', '30 ans'],
    },
    de: {
      city: ['Berlin', 'Hamburg', 'Wien', 'Zürich', 'deiner Nähe'],
      link: ['bit.ly/heisses-date', 'Link in der Bio', 'sexkontakte.example', 'den Link unten'],
      who: ['einsame Ehefrauen', 'heiße Singles', 'notgeile Frauen', 'reife Frauen'],
      price: ['10 €', '25 €', '50 €'],
      when: ['heute Nacht', 'jetzt sofort', 'am Wochenende'],
      years: ['5 Jahre', '10 Jahre', 'ein Jahr', '30 Jahre'],
    },
    es: {
      city: ['Madrid', 'Sevilla', 'Bogotá', 'CDMX', 'tu zona'],
      link: ['bit.ly/cita-caliente', 'link en la bio', 'solteras-calientes.example', 'el enlace de abajo'],
      who: ['casadas aburridas', 'solteras calientes', 'mujeres cachondas', 'maduras'],
      price: ['10 €', '25 €', '50 €'],
      when: ['esta noche', 'ahora mismo', 'este finde'],
      years: ['5 años', '10 años', 'un año', '30 años'],
    },
    pt: {
      city: ['São Paulo', 'Lisboa', 'Curitiba', 'Recife', 'sua cidade'],
      link: ['bit.ly/encontro-quente', 'link na bio', 'solteiras-quentes.example', 'o link abaixo'],
      who: ['casadas carentes', 'solteiras safadas', 'mulheres com tesão', 'coroas'],
      price: ['R$ 20', 'R$ 50', '10 €'],
      when: ['hoje à noite', 'agora', 'neste fim de semana'],
      years: ['5 anos', '10 anos', 'um ano', '30 anos'],
    },
  },
  functionalities: [
    {
      name: 'sexual_adult_dating_spam',
      positives: ['sexual', 'spam'],
      unknown: ['profanity'],
      templates: {
        en: [
          '{who} in {city} want sex {when} 🔥 sign up free at {link}',
          'Tired of being alone? {who} near you are waiting for a hookup, {link}',
          'No strings attached sex in {city}, 100% discreet, click {link}',
          '{who} are 2 km from you and want to fuck {when}, {link}',
          '{who} from {city} sent you 3 private photos 🔞 open them at {link}',
          'Meet {who} for sex {when}, no registration, {link}',
        ],
        fr: [
          '{who} à {city} veulent du sexe {when} 🔥 inscription gratuite sur {link}',
          'Marre d’être seul ? {who} près de chez toi attendent un plan cul, {link}',
          'Plans sexe sans lendemain à {city}, 100 % discret, clique sur {link}',
          '{who} sont à 2 km de toi et veulent baiser {when}, {link}',
          '{who} de {city} t’ont envoyé 3 photos privées 🔞 ouvre-les sur {link}',
          'Rencontre {who} pour du sexe {when}, sans inscription, {link}',
        ],
        de: [
          '{who} in {city} wollen {when} Sex 🔥 kostenlos anmelden auf {link}',
          'Keine Lust mehr allein zu sein? {who} in deiner Nähe warten auf ein Sexdate, {link}',
          'Unverbindlicher Sex in {city}, 100 % diskret, klick auf {link}',
          '{who} sind 2 km von dir entfernt und wollen {when} ficken, {link}',
          '{who} aus {city} haben dir 3 private Fotos geschickt 🔞 öffne sie auf {link}',
          'Triff {who} für Sex {when}, ohne Anmeldung, {link}',
        ],
        es: [
          '{who} en {city} quieren sexo {when} 🔥 regístrate gratis en {link}',
          '¿Cansado de estar solo? {who} cerca de ti esperan un polvo, {link}',
          'Sexo sin compromiso en {city}, 100 % discreto, entra en {link}',
          '{who} a 2 km de ti quieren follar {when}, {link}',
          '{who} de {city} te han enviado 3 fotos privadas 🔞 ábrelas en {link}',
          'Conoce a {who} para sexo {when}, sin registro, {link}',
        ],
        pt: [
          '{who} em {city} querem sexo {when} 🔥 cadastro grátis em {link}',
          'Cansado de ficar sozinho? {who} perto de você esperam uma transa, {link}',
          'Sexo casual em {city}, 100% discreto, clique em {link}',
          '{who} a 2 km de você querem transar {when}, {link}',
          '{who} de {city} te mandaram 3 fotos privadas 🔞 abra em {link}',
          'Conheça {who} para sexo {when}, sem cadastro, {link}',
        ],
      },
    },
    {
      name: 'sexual_solicitation',
      positives: ['sexual'],
      unknown: ['harassment', 'profanity'],
      templates: {
        en: [
          'send nudes {when} 😈',
          'Looking for a hookup {when}, send me a pic of your dick',
          'I want you naked in my bed {when}, DM me',
          'who wants to sext {when}? 18+ only',
          'Any women in {city} up for a one night stand {when}? DM me',
          'I will pay for sex {when}, discreet, {link}',
          'Show me your tits on cam {when} 😈',
        ],
        fr: [
          'envoie des nudes {when} 😈',
          'Je cherche un plan {when}, envoie une photo de ta bite',
          'Je te veux nue dans mon lit {when}, écris-moi',
          'qui veut sexter {when} ? 18+ seulement',
          'Des femmes sur {city} partantes pour un coup d’un soir {when} ? DM',
          'Je paie pour du sexe {when}, discret, {link}',
          'Montre-moi tes seins en cam {when} 😈',
        ],
        de: [
          'schick Nacktbilder {when} 😈',
          'Suche {when} was Schnelles, schick mir ein Bild von deinem Schwanz',
          'Ich will dich {when} nackt in meinem Bett, schreib mir',
          'wer hat Lust auf Sexting {when}? nur 18+',
          'Frauen in {city} Lust auf einen One-Night-Stand {when}? DM',
          'Zahle für Sex {when}, diskret, {link}',
          'Zeig mir deine Titten vor der Cam {when} 😈',
        ],
        es: [
          'manda nudes {when} 😈',
          'Busco rollo {when}, mándame una foto de tu polla',
          'Te quiero desnuda en mi cama {when}, escríbeme',
          '¿quién quiere sexting {when}? solo +18',
          '¿Alguna mujer en {city} para un polvo de una noche {when}? DM',
          'Pago por sexo {when}, discreción total, {link}',
          'Enséñame las tetas por cámara {when} 😈',
        ],
        pt: [
          'manda nudes {when} 😈',
          'Procurando transa {when}, manda foto do seu pau',
          'Quero você pelada na minha cama {when}, me chama',
          'quem quer sexting {when}? só +18',
          'Alguma mulher em {city} a fim de uma transa casual {when}? DM',
          'Pago por sexo {when}, com discrição, {link}',
          'Mostra os peitos na cam {when} 😈',
        ],
      },
    },
    {
      name: 'sexual_selling_explicit',
      positives: ['sexual'],
      unknown: ['spam'],
      templates: {
        en: [
          'Selling my nudes and sex videos, {price} each, {link}',
          'My explicit content is uncensored on my page, {link} 🍑',
        ],
        fr: [
          'Je vends mes nudes et vidéos de sexe, {price} pièce, {link}',
          'Mon contenu explicite sans censure sur ma page, {link} 🍑',
        ],
        de: [
          'Verkaufe meine Nacktbilder und Sexvideos, {price} pro Stück, {link}',
          'Meine expliziten Inhalte unzensiert auf meiner Seite, {link} 🍑',
        ],
        es: [
          'Vendo mis nudes y vídeos porno, {price} cada uno, {link}',
          'Mi contenido explícito sin censura en mi página, {link} 🍑',
        ],
        pt: [
          'Vendo meus nudes e vídeos de sexo, {price} cada, {link}',
          'Meu conteúdo explícito sem censura na minha página, {link} 🍑',
        ],
      },
    },
    {
      name: 'sexual_short_caption',
      positives: ['sexual'],
      templates: {
        en: ['send nudes', 'nudes in bio', 'horny {when}', 'sex date {when}'],
        fr: ['envoie nudes', 'nudes en bio', 'chaude {when}', 'plan cul {when}'],
        de: ['schick Nacktfotos', 'Nacktbilder in Bio', 'geil {when}', 'Sexdate {when}'],
        es: ['manda nudes', 'nudes en bio', 'cachonda {when}', 'polvo {when}'],
        pt: ['manda nudes', 'nudes na bio', 'com tesão {when}', 'transa {when}'],
      },
    },
    {
      name: 'hardneg_sex_education',
      positives: [],
      templates: {
        en: [
          'Condoms reduce the risk of STIs. Free testing at the sexual health clinic every Tuesday',
          'Consent can be withdrawn at any time: a guide for couples',
          'Our biology class today covered human reproduction',
        ],
        fr: [
          'Le préservatif réduit le risque d’IST. Dépistage gratuit au CeGIDD le mardi',
          'Le consentement peut être retiré à tout moment : un guide pour les couples',
          'En SVT aujourd’hui on a vu la reproduction humaine',
        ],
        de: [
          'Kondome senken das Risiko von Geschlechtskrankheiten. Kostenloser Test beim Gesundheitsamt dienstags',
          'Zustimmung kann jederzeit zurückgezogen werden: ein Ratgeber für Paare',
          'In Bio haben wir heute die Fortpflanzung des Menschen durchgenommen',
        ],
        es: [
          'El preservativo reduce el riesgo de ITS. Prueba gratis en el centro de salud sexual los martes',
          'El consentimiento se puede retirar en cualquier momento: guía para parejas',
          'Hoy en biología vimos la reproducción humana',
        ],
        pt: [
          'A camisinha reduz o risco de ISTs. Teste grátis no posto de saúde às terças',
          'O consentimento pode ser retirado a qualquer momento: um guia para casais',
          'Na aula de biologia hoje vimos reprodução humana',
        ],
      },
    },
    {
      name: 'hardneg_medical',
      positives: [],
      templates: {
        en: [
          'Breast cancer screening saves lives, book your mammogram',
          'Erectile dysfunction can be an early sign of heart disease, talk to your doctor',
          'Prostate exam done, nothing to worry about',
        ],
        fr: [
          'Le dépistage du cancer du sein sauve des vies, prenez rendez-vous pour une mammographie',
          "Les troubles de l'érection peuvent signaler une maladie cardiaque, parlez-en à votre médecin",
          'Examen de la prostate fait, rien d’inquiétant',
        ],
        de: [
          'Brustkrebsvorsorge rettet Leben, vereinbaren Sie eine Mammografie',
          'Erektionsstörungen können ein frühes Zeichen für Herzprobleme sein, sprechen Sie mit Ihrer Ärztin',
          'Prostatauntersuchung gemacht, alles in Ordnung',
        ],
        es: [
          'La detección del cáncer de mama salva vidas, pide cita para tu mamografía',
          'La disfunción eréctil puede ser un aviso de problemas cardíacos, consulta a tu médico',
          'Revisión de próstata hecha, todo bien',
        ],
        pt: [
          'O rastreio do câncer de mama salva vidas, marque sua mamografia',
          'A disfunção erétil pode ser sinal precoce de doença cardíaca, fale com seu médico',
          'Exame de próstata feito, tudo certo',
        ],
      },
    },
    {
      name: 'hardneg_romance',
      positives: [],
      templates: {
        en: [
          'Happy anniversary my love, {years} together today ❤️',
          'Date night with my wife, dinner and a movie',
          'He proposed on the beach and I said yes 💍',
        ],
        fr: [
          'Joyeux anniversaire mon amour, {years} ensemble aujourd’hui ❤️',
          'Soirée en amoureux avec ma femme, resto et ciné',
          'Il m’a demandée en mariage sur la plage et j’ai dit oui 💍',
        ],
        de: [
          'Alles Liebe zum Jahrestag, Schatz, heute {years} zusammen ❤️',
          'Date Night mit meiner Frau, Essen und Kino',
          'Er hat mir am Strand einen Antrag gemacht und ich habe ja gesagt 💍',
        ],
        es: [
          'Feliz aniversario mi amor, hoy {years} juntos ❤️',
          'Noche de cita con mi mujer, cena y peli',
          'Me pidió matrimonio en la playa y dije que sí 💍',
        ],
        pt: [
          'Feliz aniversário de namoro meu amor, {years} juntos hoje ❤️',
          'Noite a dois com minha esposa, jantar e cinema',
          'Ele me pediu em casamento na praia e eu disse sim 💍',
        ],
      },
    },
    {
      name: 'hardneg_dating_profile',
      positives: [],
      templates: {
        en: [
          'Looking for someone in {city} to go hiking and share a pizza with, dog lovers welcome',
          'Single and ready to meet someone kind in {city}, coffee first 😊',
        ],
        fr: [
          'Je cherche quelqu’un à {city} pour randonner et partager une pizza, amis des chiens bienvenus',
          'Célibataire et prête à rencontrer quelqu’un de gentil à {city}, un café pour commencer 😊',
        ],
        de: [
          'Suche jemanden in {city} zum Wandern und Pizzaessen, Hundefreunde willkommen',
          'Single und bereit, jemand Nettes in {city} kennenzulernen, erst mal auf einen Kaffee 😊',
        ],
        es: [
          'Busco a alguien en {city} para ir de ruta y compartir una pizza, amantes de los perros bienvenidos',
          'Soltera y con ganas de conocer a alguien majo en {city}, primero un café 😊',
        ],
        pt: [
          'Procuro alguém em {city} pra fazer trilha e dividir uma pizza, quem ama cachorro é bem-vindo',
          'Solteira e pronta pra conhecer alguém legal em {city}, primeiro um café 😊',
        ],
      },
    },
    {
      name: 'hardneg_sexual_health_question',
      positives: [],
      templates: {
        en: [
          'How long after a vasectomy is it effective?',
          'Which contraception has the fewest side effects? Asking my gynaecologist {when}',
        ],
        fr: [
          'Combien de temps après une vasectomie est-elle efficace ?',
          'Quelle contraception a le moins d’effets secondaires ? Je demande à ma gynéco {when}',
        ],
        de: [
          'Wie lange nach einer Vasektomie ist sie wirksam?',
          'Welche Verhütung hat die wenigsten Nebenwirkungen? Frage {when} meine Frauenärztin',
        ],
        es: [
          '¿Cuánto tiempo después de una vasectomía es efectiva?',
          '¿Qué anticonceptivo tiene menos efectos secundarios? Se lo pregunto a mi ginecóloga {when}',
        ],
        pt: [
          'Quanto tempo depois da vasectomia ela faz efeito?',
          'Qual anticoncepcional tem menos efeitos colaterais? Vou perguntar à minha ginecologista {when}',
        ],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['date night', 'nude lipstick', 'hot weather', 'breaststroke practice'],
        fr: ['soirée en amoureux', 'rouge à lèvres nude', 'il fait chaud', 'entraînement de brasse'],
        de: ['Date Night', 'Nude Lippenstift', 'heißes Wetter', 'Brustschwimmen üben'],
        es: ['noche de cita', 'labial nude', 'qué calor', 'entreno de braza'],
        pt: ['noite a dois', 'batom nude', 'calor demais', 'treino de nado peito'],
      },
    },
  ],
};
