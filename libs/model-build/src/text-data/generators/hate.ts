import type { GeneratorSpec } from './template';

/**
 * Hate outside HateCheck's coverage: dehumanising comparisons ("<group> are rats / animals / vermin /
 * parasites / a plague"), with calls to exterminate (hate + violence), short captions; hard negatives: animals
 * literally, pest control, counter-speech quoting the comparison to condemn it, positive statements about the
 * group, two-word captions ("rat race", "party animal"). Groups are protected groups named neutrally.
 */
export const HATE: GeneratorSpec = {
  name: 'hate',
  slots: {
    en: {
      group: [
        'immigrants',
        'Muslims',
        'Jews',
        'refugees',
        'Black people',
        'gay people',
        'trans people',
        'Roma',
        'Mexicans',
        'disabled people',
      ],
      animal: ['rats', 'animals', 'vermin', 'parasites', 'cockroaches', 'monkeys', 'pigs'],
      disease: ['a plague', 'a cancer', 'a disease', 'an infestation'],
      pet: ['rat', 'cockroach', 'pig', 'monkey'],
    },
    fr: {
      group: [
        'les immigrés',
        'les musulmans',
        'les juifs',
        'les réfugiés',
        'les Noirs',
        'les homos',
        'les trans',
        'les Roms',
        'les Arabes',
        'les handicapés',
      ],
      animal: [
        'des rats',
        'des animaux',
        'de la vermine',
        'des parasites',
        'des cafards',
        'des singes',
        'des porcs',
      ],
      disease: ['une peste', 'un cancer', 'une maladie', 'une invasion de nuisibles'],
      pet: ['rat', 'cafard', 'cochon', 'singe'],
    },
    de: {
      group: [
        'Ausländer',
        'Muslime',
        'Juden',
        'Flüchtlinge',
        'Schwarze',
        'Schwule',
        'Transleute',
        'Sinti und Roma',
        'Türken',
        'Behinderte',
      ],
      animal: ['Ratten', 'Tiere', 'Ungeziefer', 'Parasiten', 'Kakerlaken', 'Affen', 'Schweine'],
      disease: ['eine Seuche', 'ein Krebsgeschwür', 'eine Krankheit', 'eine Plage'],
      pet: ['Ratte', 'Kakerlake', 'Schwein', 'Affe'],
    },
    es: {
      group: [
        'los inmigrantes',
        'los musulmanes',
        'los judíos',
        'los refugiados',
        'los negros',
        'los gays',
        'las personas trans',
        'los gitanos',
        'los marroquíes',
        'los discapacitados',
      ],
      animal: ['ratas', 'animales', 'alimañas', 'parásitos', 'cucarachas', 'monos', 'cerdos'],
      disease: ['una plaga', 'un cáncer', 'una enfermedad', 'una infestación'],
      pet: ['rata', 'cucaracha', 'cerdo', 'mono'],
    },
    pt: {
      group: [
        'os imigrantes',
        'os muçulmanos',
        'os judeus',
        'os refugiados',
        'os negros',
        'os gays',
        'as pessoas trans',
        'os ciganos',
        'os nordestinos',
        'os deficientes',
      ],
      animal: ['ratos', 'animais', 'vermes', 'parasitas', 'baratas', 'macacos', 'porcos'],
      disease: ['uma praga', 'um câncer', 'uma doença', 'uma infestação'],
      pet: ['rato', 'barata', 'porco', 'macaco'],
    },
  },
  functionalities: [
    {
      name: 'hate_dehumanise_animal',
      positives: ['hate'],
      templates: {
        en: [
          '{group} are {animal}',
          '{group} are nothing but {animal}, never forget it',
          "Let's be honest, {group} are {animal} and live like it",
          '{group} breed like {animal}',
          'Those {group}? Filthy {animal}, all of them',
          '{group} are not human, they are {animal}',
          'Keep {group} out, we do not let {animal} into our homes',
        ],
        fr: [
          '{group} sont {animal}',
          '{group} ne sont rien d’autre que {animal}, ne l’oubliez jamais',
          'Soyons honnêtes, {group} sont {animal} et vivent comme tels',
          '{group} se reproduisent comme {animal}',
          '{group} ? {animal} répugnants, tous autant qu’ils sont',
          '{group} ne sont pas humains, ce sont {animal}',
          'Dehors {group}, on ne laisse pas entrer {animal} chez nous',
        ],
        de: [
          '{group} sind {animal}',
          '{group} sind nichts als {animal}, vergesst das nie',
          'Mal ehrlich, {group} sind {animal} und leben auch so',
          '{group} vermehren sich wie {animal}',
          '{group}? Dreckige {animal}, alle miteinander',
          '{group} sind keine Menschen, das sind {animal}',
          '{group} raus, wir lassen doch keine {animal} ins Haus',
        ],
        es: [
          '{group} son {animal}',
          '{group} no son más que {animal}, no lo olvidéis',
          'Seamos sinceros, {group} son {animal} y viven como tales',
          '{group} se reproducen como {animal}',
          '¿{group}? {animal} asquerosos, todos',
          '{group} no son humanos, son {animal}',
          'Fuera {group}, no dejamos entrar {animal} en casa',
        ],
        pt: [
          '{group} são {animal}',
          '{group} não passam de {animal}, nunca se esqueçam',
          'Sejamos sinceros, {group} são {animal} e vivem como tal',
          '{group} se reproduzem como {animal}',
          '{group}? {animal} imundos, todos eles',
          '{group} não são humanos, são {animal}',
          'Fora {group}, a gente não deixa {animal} entrar em casa',
        ],
      },
    },
    {
      name: 'hate_dehumanise_disease',
      positives: ['hate'],
      templates: {
        en: [
          '{group} are {disease} on this country',
          '{group} spread through our cities like {disease}',
          '{group} are {disease} and this country needs a cure',
        ],
        fr: [
          '{group} sont {disease} pour ce pays',
          '{group} se répandent dans nos villes comme {disease}',
          '{group} sont {disease} et ce pays a besoin d’un remède',
        ],
        de: [
          '{group} sind {disease} für dieses Land',
          '{group} breiten sich in unseren Städten aus wie {disease}',
          '{group} sind {disease} und dieses Land braucht ein Heilmittel',
        ],
        es: [
          '{group} son {disease} para este país',
          '{group} se extienden por nuestras ciudades como {disease}',
          '{group} son {disease} y este país necesita una cura',
        ],
        pt: [
          '{group} são {disease} neste país',
          '{group} se espalham pelas nossas cidades como {disease}',
          '{group} são {disease} e este país precisa de uma cura',
        ],
      },
    },
    {
      name: 'hate_dehumanise_exterminate',
      positives: ['hate', 'violence'],
      templates: {
        en: [
          '{group} are {animal} and should be exterminated',
          'Time to get rid of {group} like the {animal} they are',
        ],
        fr: [
          '{group} sont {animal} et il faut les exterminer',
          'Il faut traiter {group} comme {animal} : les éliminer',
        ],
        de: ['{group} sind {animal} und gehören ausgerottet', 'Zeit, {group} loszuwerden wie {animal}'],
        es: [
          '{group} son {animal} y hay que exterminarlos',
          'Hay que deshacerse de {group} como de {animal}',
        ],
        pt: [
          '{group} são {animal} e devem ser exterminados',
          'Hora de acabar com {group} como se faz com {animal}',
        ],
      },
    },
    {
      name: 'hate_short_caption',
      positives: ['hate'],
      templates: {
        en: ['{group} = {animal}', 'filthy {group}', '{group} are {animal}'],
        fr: ['{group} = {animal}', '{group}, tous {animal}', '{group} : {animal}'],
        de: ['{group} = {animal}', 'dreckige {group}', '{group}: {animal}'],
        es: ['{group} = {animal}', '{group}, todos {animal}', '{group}: {animal}'],
        pt: ['{group} = {animal}', '{group}, tudo {animal}', '{group}: {animal}'],
      },
    },
    {
      name: 'hardneg_animals_literal',
      positives: [],
      templates: {
        en: [
          'Rats are very intelligent and social animals',
          'Our cat caught a {pet} in the garden this morning',
          'Pigs are cleaner animals than people think',
        ],
        fr: [
          'Les rats sont des animaux très intelligents et sociables',
          'Notre chat a attrapé un {pet} dans le jardin ce matin',
          'Les cochons sont plus propres qu’on ne le croit',
        ],
        de: [
          'Ratten sind sehr intelligente und soziale Tiere',
          'Unsere Katze hat heute früh eine {pet} im Garten erwischt',
          'Schweine sind sauberer als man denkt',
        ],
        es: [
          'Las ratas son animales muy inteligentes y sociables',
          'Nuestro gato cazó una {pet} en el jardín esta mañana',
          'Los cerdos son más limpios de lo que se piensa',
        ],
        pt: [
          'Ratos são animais muito inteligentes e sociáveis',
          'Nosso gato pegou um {pet} no quintal hoje cedo',
          'Porcos são mais limpos do que as pessoas pensam',
        ],
      },
    },
    {
      name: 'hardneg_pest_control',
      positives: [],
      templates: {
        en: [
          'Pest control came today, no more cockroaches in the kitchen',
          'How do I get rid of rats in the attic without poison?',
        ],
        fr: [
          'Le dératiseur est passé, plus de cafards dans la cuisine',
          'Comment se débarrasser des rats dans le grenier sans poison ?',
        ],
        de: [
          'Der Kammerjäger war da, keine Kakerlaken mehr in der Küche',
          'Wie werde ich Ratten auf dem Dachboden ohne Gift los?',
        ],
        es: [
          'Ha venido el fumigador, ya no hay cucarachas en la cocina',
          '¿Cómo me deshago de las ratas del desván sin veneno?',
        ],
        pt: [
          'A dedetização veio hoje, acabaram as baratas na cozinha',
          'Como tirar ratos do sótão sem veneno?',
        ],
      },
    },
    {
      name: 'hardneg_counter_speech',
      positives: [],
      templates: {
        en: [
          'Calling {group} {animal} is exactly how genocide propaganda starts. Stop it',
          'No, {group} are not {animal}. They are our neighbours and friends',
        ],
        fr: [
          'Dire que {group} sont {animal}, c’est exactement comme ça que commence la propagande génocidaire',
          'Non, {group} ne sont pas {animal}. Ce sont nos voisins et nos amis',
        ],
        de: [
          '{group} als {animal} zu bezeichnen ist genau die Sprache, mit der Völkermord-Propaganda beginnt',
          'Nein, {group} sind keine {animal}. Es sind unsere Nachbarn und Freunde',
        ],
        es: [
          'Llamar {animal} a {group} es exactamente como empieza la propaganda genocida',
          'No, {group} no son {animal}. Son nuestros vecinos y amigos',
        ],
        pt: [
          'Chamar {group} de {animal} é exatamente como começa a propaganda genocida',
          'Não, {group} não são {animal}. São nossos vizinhos e amigos',
        ],
      },
    },
    {
      name: 'hardneg_identity_positive',
      positives: [],
      templates: {
        en: ['{group} are welcome here ❤️', 'Proud to celebrate {group} in our community this week'],
        fr: [
          '{group} sont les bienvenus ici ❤️',
          'Fiers de célébrer {group} de notre quartier cette semaine',
        ],
        de: ['{group} sind hier willkommen ❤️', 'Stolz, diese Woche {group} in unserer Gemeinde zu feiern'],
        es: [
          '{group} son bienvenidos aquí ❤️',
          'Orgullosos de celebrar a {group} de nuestro barrio esta semana',
        ],
        pt: ['{group} são bem-vindos aqui ❤️', 'Orgulho de celebrar {group} da nossa comunidade esta semana'],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['rat race', 'party animal', 'pet {pet}', 'lab rats'],
        fr: ['rat de bibliothèque', 'bête de soirée', 'mon {pet}', 'vie de cafard'],
        de: ['Leseratte heute', 'Partytier', 'mein {pet}', 'Schweineglück'],
        es: ['rata de biblioteca', 'animal de fiesta', 'mi {pet}', 'cerdito feliz'],
        pt: ['rato de biblioteca', 'animal de festa', 'meu {pet}', 'porquinho feliz'],
      },
    },
  ],
};
