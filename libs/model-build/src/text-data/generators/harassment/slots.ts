import type { Slots } from '../template';

// Slot fillers of the harassment generator (en, fr, de, es, pt), composed in ./index.ts.

export const EN_SLOTS: Slots = {
  handle: ['@jess_xo', '@tommy.b', '@kayla2007', '@ryan_gamer', '@itsmeliv'],
  name: ['Jess', 'Tom', 'Kayla', 'Ryan', 'Liv', 'Ethan'],
  look: ['ugly', 'fat', 'disgusting to look at', 'a walking meme', 'so ugly it hurts'],
  part: ['that nose', 'those teeth', 'that forehead', 'that skin', 'that voice', 'that haircut'],
  dumb: ['thick', 'dumb as a rock', 'braindead', 'clueless', 'slow'],
  content: ['video', 'post', 'selfie', 'take', 'song', 'drawing'],
  friend: ['Jess', 'Priya', 'Liv', 'Chloe', 'Mia'],
  figure: ['Mayor Collins', 'Councillor Patel', 'Senator Reyes', 'Minister Hart'],
  policy: ['housing plan', 'budget', 'bus fare increase', 'school reform', 'tax plan'],
  team: ['United', 'City', 'Arsenal', 'Chelsea', 'the Lakers'],
  player: ['the keeper', 'the left back', 'the striker', 'the captain', 'the holding midfielder'],
  student: ['Sam', 'Aisha', 'Leo', 'Maya'],
  work: ['your essay', 'your lab report', 'your presentation', 'your project'],
};

export const FR_SLOTS: Slots = {
  handle: ['@lea.mrtn', '@kevin_du93', '@juju_off', '@max.lrx', '@ines.ptt'],
  name: ['Léa', 'Kevin', 'Julie', 'Maxime', 'Inès', 'Enzo'],
  look: ['moche', 'grosse', 'immonde', 'un meme ambulant', 'tellement moche que ça fait mal'],
  part: ['ce nez', 'ces dents', 'ce front', 'cette peau', 'cette voix', 'cette coupe'],
  dumb: ['bête à manger du foin', 'pas une lumière', 'complètement à l’ouest', 'neuneu', 'un clown'],
  content: ['cette vidéo', 'ce post', 'ce selfie', 'cet avis', 'cette chanson', 'ce dessin'],
  friend: ['Léa', 'Chloé', 'Inès', 'Manon', 'Jade'],
  figure: ['Anne Durand', 'Paul Leroy', 'Sophie Martin', 'Karim Benali'],
  policy: [
    'plan logement',
    'budget',
    'projet de loi sur les transports',
    'plan pour les écoles',
    'projet de réforme fiscale',
  ],
  team: ['le PSG', 'l’OM', 'Lyon', 'Lens', 'Rennes'],
  player: ['le gardien', 'l’arrière gauche', 'l’avant-centre', 'le capitaine', 'le milieu défensif'],
  student: ['Lucas', 'Aïcha', 'Hugo', 'Camille'],
  work: ['ta dissertation', 'ton exposé', 'ton compte rendu', 'ton projet'],
};

export const DE_SLOTS: Slots = {
  handle: ['@lenaa_k', '@maxi.schmidt', '@jonas_07', '@sophie.hh', '@emi_lyy'],
  name: ['Lena', 'Max', 'Jonas', 'Sophie', 'Emily', 'Finn'],
  look: ['hässlich', 'fett', 'widerlich anzusehen', 'ein wandelndes Meme', 'so hässlich, dass es wehtut'],
  part: ['diese Nase', 'diese Zähne', 'diese Stirn', 'diese Haut', 'diese Stimme', 'diese Frisur'],
  dumb: ['strohdumm', 'hohl', 'dumm wie Brot', 'ein Clown', 'komplett ahnungslos'],
  content: [
    'dieses Video',
    'diesen Post',
    'dieses Selfie',
    'diese Meinung',
    'diesen Song',
    'diese Zeichnung',
  ],
  friend: ['Lena', 'Mia', 'Hannah', 'Sophie', 'Lea'],
  figure: ['Bürgermeisterin Krause', 'Minister Lehmann', 'Senatorin Yilmaz', 'Landrat Hoffmann'],
  policy: ['Wohnungsplan', 'Haushaltsentwurf', 'Tarifplan', 'Schulreformplan', 'Steuerplan'],
  team: ['Bayern', 'Dortmund', 'Schalke', 'Leverkusen', 'Hertha'],
  player: ['der Torwart', 'der Linksverteidiger', 'der Stürmer', 'der Kapitän', 'der Sechser'],
  student: ['Paul', 'Aylin', 'Ben', 'Marie'],
  work: ['dein Aufsatz', 'dein Laborbericht', 'dein Referat', 'dein Projekt'],
};

export const ES_SLOTS: Slots = {
  handle: ['@laura_gzz', '@pablito.07', '@dani_rm', '@sofi.mx', '@nere.lpz'],
  name: ['Laura', 'Pablo', 'Dani', 'Sofía', 'Nerea', 'Hugo'],
  look: ['feísima', 'gorda', 'asquerosa', 'un meme andante', 'tan fea que duele'],
  part: ['esa nariz', 'esos dientes', 'esa frente', 'esa piel', 'esa voz', 'ese corte de pelo'],
  dumb: ['tonto de remate', 'más corto que las mangas de un chaleco', 'un payaso', 'lento', 'un ignorante'],
  content: ['ese vídeo', 'ese post', 'ese selfie', 'esa opinión', 'esa canción', 'ese dibujo'],
  friend: ['Lucía', 'Marta', 'Sara', 'Paula', 'Carla'],
  figure: ['Ana Ruiz', 'Javier Molina', 'Carmen Vidal', 'Luis Ortega'],
  policy: ['plan de vivienda', 'presupuesto', 'plan de transporte', 'plan educativo', 'recorte fiscal'],
  team: ['el Madrid', 'el Barça', 'el Atleti', 'el Betis', 'el Sevilla'],
  player: ['el portero', 'el lateral izquierdo', 'el delantero', 'el capitán', 'el pivote'],
  student: ['Álex', 'Fátima', 'Mario', 'Irene'],
  work: ['tu redacción', 'tu informe de laboratorio', 'tu presentación', 'tu proyecto'],
};

export const PT_SLOTS: Slots = {
  handle: ['@julia.costa', '@pedrinho_br', '@gabs_oficial', '@lucas.rj', '@mari_sz'],
  name: ['Júlia', 'Pedro', 'Gabi', 'Lucas', 'Mari', 'Thiago'],
  look: ['horrorosa', 'gorda', 'nojenta', 'um meme ambulante', 'tão feia que dói'],
  part: ['esse nariz', 'esses dentes', 'essa testa', 'essa pele', 'essa voz', 'esse cabelo'],
  dumb: ['burro que dói', 'uma anta', 'sem noção', 'um palhaço', 'lerdo demais'],
  content: ['esse vídeo', 'esse post', 'essa selfie', 'essa opinião', 'essa música', 'esse desenho'],
  friend: ['Bia', 'Júlia', 'Ana', 'Mari', 'Lara'],
  figure: ['Ana Ribeiro', 'Carlos Mendes', 'Fernanda Lopes', 'Ricardo Alves'],
  policy: [
    'plano de habitação',
    'orçamento',
    'plano de transporte',
    'plano para as escolas',
    'corte de impostos',
  ],
  team: ['o Flamengo', 'o Corinthians', 'o Palmeiras', 'o Benfica', 'o Porto'],
  player: ['o goleiro', 'o lateral esquerdo', 'o centroavante', 'o capitão', 'o volante'],
  student: ['Davi', 'Larissa', 'Caio', 'Beatriz'],
  work: ['sua redação', 'seu relatório de laboratório', 'sua apresentação', 'seu projeto'],
};
