import type { GeneratorSpec } from './template';

/**
 * Plain benign captions, two to five words, with no harmful look-alike: the everyday negative for every
 * category at once (a short harmless caption must never read as violence or anything else).
 */
export const CAPTIONS: GeneratorSpec = {
  name: 'captions',
  slots: {
    en: {
      thing: [
        'beach day',
        'coffee time',
        'new haircut',
        'sunday brunch',
        'first snow',
        'game night',
        'road trip',
        'garden update',
        'morning run',
        'lazy cat',
      ],
      who: ['my dog', 'grandma', 'the kids', 'my sister', 'the team'],
      adj: ['lovely', 'perfect', 'cozy', 'sunny', 'happy'],
    },
    fr: {
      thing: [
        'journée plage',
        'pause café',
        'nouvelle coupe',
        'brunch du dimanche',
        'première neige',
        'soirée jeux',
        'road trip',
        'le jardin',
        'footing matinal',
        'chat paresseux',
      ],
      who: ['mon chien', 'mamie', 'les enfants', 'ma sœur', "l'équipe"],
      adj: ['belle', 'parfaite', 'douce', 'ensoleillée', 'joyeuse'],
    },
    de: {
      thing: [
        'Strandtag',
        'Kaffeepause',
        'neue Frisur',
        'Sonntagsbrunch',
        'erster Schnee',
        'Spieleabend',
        'Roadtrip',
        'Gartenupdate',
        'Morgenlauf',
        'faule Katze',
      ],
      who: ['meinem Hund', 'Oma', 'den Kindern', 'meiner Schwester', 'dem Team'],
      adj: ['schön', 'perfekt', 'gemütlich', 'sonnig', 'fröhlich'],
    },
    es: {
      thing: [
        'día de playa',
        'hora del café',
        'corte nuevo',
        'brunch del domingo',
        'primera nevada',
        'noche de juegos',
        'viaje en coche',
        'el huerto',
        'carrera matutina',
        'gato vago',
      ],
      who: ['mi perro', 'la abuela', 'los niños', 'mi hermana', 'el equipo'],
      adj: ['bonito', 'perfecto', 'acogedor', 'soleado', 'feliz'],
    },
    pt: {
      thing: [
        'dia de praia',
        'hora do café',
        'corte novo',
        'brunch de domingo',
        'primeira neve',
        'noite de jogos',
        'viagem de carro',
        'a horta',
        'corrida matinal',
        'gato preguiçoso',
      ],
      who: ['meu cachorro', 'a vovó', 'as crianças', 'minha irmã', 'o time'],
      adj: ['lindo', 'perfeito', 'aconchegante', 'ensolarado', 'feliz'],
    },
  },
  functionalities: [
    {
      name: 'benign_short_caption',
      positives: [],
      hardNegative: false,
      templates: {
        en: ['{thing}', '{thing} with {who}', '{adj} {thing}', 'so {adj}!'],
        fr: ['{thing}', '{thing} avec {who}', '{thing} 😍', '{adj}!'],
        de: ['{thing}', '{thing} mit {who}', '{thing} 😍', '{adj}!'],
        es: ['{thing}', '{thing} con {who}', '{thing} 😍', '{adj}!'],
        pt: ['{thing}', '{thing} com {who}', '{thing} 😍', '{adj}!'],
      },
    },
  ],
};
