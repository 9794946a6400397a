import type { GeneratorSpec } from './template';

/**
 * Illicit drugs: selling (with prices, delivery, street slang), buying, promotion of use, short captions; hard
 * negatives: harm reduction, prescriptions, news about seizures, policy debate. Slang per language is the
 * street vocabulary of that language (e.g. es "farlopa", pt "pó", de "Koks"), not a translation.
 */
export const DRUGS: GeneratorSpec = {
  name: 'drugs',
  slots: {
    en: {
      drug: [
        'coke',
        'cocaine',
        'molly',
        'MDMA',
        'weed',
        'meth',
        'ketamine',
        'xanax bars',
        'oxy',
        'heroin',
        'acid tabs',
      ],
      qty: ['a gram', 'an eighth', '3.5g', 'an ounce', '10 pills', 'half a key'],
      price: ['$40', '$80', '$250', '60 bucks'],
      contact: ['DM me', 'hit my telegram', 'snap me', 'text the number in bio', 'wickr me'],
      delivery: [
        'same day delivery',
        'discreet shipping',
        'delivery all over the city 24/7',
        'stealth packaging',
      ],
      city: ['London', 'Manchester', 'NYC', 'LA', 'Toronto'],
      med: ['my antidepressants', 'ibuprofen', 'my ADHD medication', 'insulin', 'my blood pressure pills'],
      emoji: ['❄️', '🍃', '💊', '🔌', '🚚'],
    },
    fr: {
      drug: [
        'de la coke',
        'de la C',
        'de la MD',
        'de la beuh',
        'du shit',
        'de la kétamine',
        'des ecsta',
        "de l'héro",
        'des buvards',
      ],
      qty: ['un gramme', 'une barrette', '10 g', 'une plaquette', '5 cachets'],
      price: ['40 €', '60 balles', '80 €', '10 € le gramme'],
      contact: ['en DM', 'sur Snap', 'contact Telegram en bio', 'écris-moi en privé', 'sur Signal'],
      delivery: [
        'livraison rapide',
        'envoi discret',
        'je livre sur tout Paris 7j/7',
        'livraison en main propre',
      ],
      city: ['Paris', 'Marseille', 'Lyon', 'Lille', 'Bruxelles'],
      med: [
        'mes antidépresseurs',
        "de l'ibuprofène",
        'mon traitement pour le TDAH',
        "de l'insuline",
        'mes cachets pour la tension',
      ],
      emoji: ['❄️', '🍃', '💊', '🔌', '🚚'],
    },
    de: {
      drug: [
        'Koks',
        'Kokain',
        'Teile',
        'MDMA',
        'Gras',
        'Crystal',
        'Keta',
        'Speed',
        'Pep',
        'Heroin',
        'Pappen',
      ],
      qty: ['ein Gramm', '5 Gramm', 'ein Zehner', '10 Teile', 'ein Hunni'],
      price: ['40 €', '80 Euro', '10 € das Gramm', 'nen Fuffi'],
      contact: ['per DM', 'schreib mir auf Telegram', 'Snap in der Bio', 'meld dich privat', 'über Signal'],
      delivery: [
        'Lieferung am selben Tag',
        'diskreter Versand',
        'liefere in ganz Berlin rund um die Uhr',
        'Taxi kommt zu dir',
      ],
      city: ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt'],
      med: [
        'meine Antidepressiva',
        'Ibuprofen',
        'meine ADHS-Medikamente',
        'Insulin',
        'meine Blutdrucktabletten',
      ],
      emoji: ['❄️', '🍃', '💊', '🔌', '🚚'],
    },
    es: {
      drug: [
        'farlopa',
        'coca',
        'perico',
        'MD',
        'maría',
        'hachís',
        'costo',
        'keta',
        'cristal',
        'tusi',
        'pastis',
      ],
      qty: ['un gramo', 'una bola', '10 g', 'un pollo', '5 pastillas'],
      price: ['40 €', '60 pavos', '50 lucas', '10 € el gramo'],
      contact: ['por DM', 'escríbeme al Telegram', 'Snap en la bio', 'al privado', 'por Signal'],
      delivery: [
        'entrega el mismo día',
        'envío discreto',
        'reparto por todo Madrid 24h',
        'te lo llevo a casa',
      ],
      city: ['Madrid', 'Barcelona', 'CDMX', 'Medellín', 'Buenos Aires'],
      med: [
        'mis antidepresivos',
        'ibuprofeno',
        'la medicación del TDAH',
        'insulina',
        'las pastillas de la tensión',
      ],
      emoji: ['❄️', '🍃', '💊', '🔌', '🚚'],
    },
    pt: {
      drug: [
        'pó',
        'cocaína',
        'farinha',
        'bala',
        'MD',
        'maconha',
        'erva',
        'haxixe',
        'lança',
        'ketamina',
        'doce',
      ],
      qty: ['uma grama', 'um papelote', '10 g', 'uma trouxinha', '5 balas'],
      price: ['R$ 50', 'R$ 100', '40 €', '30 conto'],
      contact: ['chama no DM', 'chama no zap', 'Telegram na bio', 'chama no privado', 'no Signal'],
      delivery: ['entrega no mesmo dia', 'envio discreto', 'entrego em toda São Paulo 24h', 'levo até você'],
      city: ['São Paulo', 'Rio', 'Lisboa', 'Porto', 'BH'],
      med: [
        'meus antidepressivos',
        'ibuprofeno',
        'meu remédio de TDAH',
        'insulina',
        'meu remédio de pressão',
      ],
      emoji: ['❄️', '🍃', '💊', '🔌', '🚚'],
    },
  },
  functionalities: [
    {
      name: 'drugs_sale',
      positives: ['illicit/drugs'],
      unknown: ['spam'],
      templates: {
        en: [
          'Selling {drug}, {qty} for {price}, {contact} {emoji}',
          '{drug} available in {city}, {delivery}. {contact}',
          'plug in {city} 🔌 {drug} and {drug}, {delivery}',
          'got {drug} on me, {price} {qty}, {contact}',
          'Fresh batch of {drug} just landed {emoji} {delivery}, {contact}',
        ],
        fr: [
          'Je vends {drug}, {qty} à {price}, {contact} {emoji}',
          '{drug} dispo sur {city}, {delivery}. {contact}',
          'bon plan sur {city} 🔌 {drug}, {delivery}',
          "j'ai {drug}, {qty} à {price}, {contact}",
          'Nouvel arrivage : {drug} {emoji} {delivery}, {contact}',
        ],
        de: [
          'Verkaufe {drug}, {qty} für {price}, {contact} {emoji}',
          '{drug} in {city} verfügbar, {delivery}. {contact}',
          'Dealer in {city} 🔌 {drug} und {drug}, {delivery}',
          'hab {drug} da, {qty} für {price}, {contact}',
          'Neue Lieferung {drug} {emoji} {delivery}, {contact}',
        ],
        es: [
          'Vendo {drug}, {qty} a {price}, {contact} {emoji}',
          'Hay {drug} en {city}, {delivery}. {contact}',
          'camello en {city} 🔌 {drug} y {drug}, {delivery}',
          'tengo {drug}, {qty} a {price}, {contact}',
          'Ha llegado {drug} nueva {emoji} {delivery}, {contact}',
        ],
        pt: [
          'Vendo {drug}, {qty} por {price}, {contact} {emoji}',
          'Tem {drug} em {city}, {delivery}. {contact}',
          'fornecedor em {city} 🔌 {drug} e {drug}, {delivery}',
          'tenho {drug} aqui, {qty} por {price}, {contact}',
          'Chegou {drug} nova {emoji} {delivery}, {contact}',
        ],
      },
    },
    {
      name: 'drugs_buy',
      positives: ['illicit/drugs'],
      templates: {
        en: [
          'Anyone know where to get {drug} in {city}?',
          'looking for {qty} of {drug} tonight, {contact}',
          'need a plug for {drug} asap',
        ],
        fr: [
          'Quelqu’un sait où trouver {drug} sur {city} ?',
          'je cherche {drug} ce soir, {contact}',
          "besoin d'un plan pour trouver {drug} vite",
        ],
        de: [
          'Weiß jemand, wo man in {city} {drug} bekommt?',
          'suche heute Abend {qty} {drug}, {contact}',
          'brauche dringend nen Dealer für {drug}',
        ],
        es: [
          '¿Alguien sabe dónde pillar {drug} en {city}?',
          'busco {qty} de {drug} esta noche, {contact}',
          'necesito un camello de {drug} ya',
        ],
        pt: [
          'Alguém sabe onde arrumar {drug} em {city}?',
          'procurando {qty} de {drug} hoje à noite, {contact}',
          'preciso de um fornecedor de {drug} urgente',
        ],
      },
    },
    {
      name: 'drugs_promotion_use',
      positives: ['illicit/drugs'],
      templates: {
        en: [
          'nothing beats a line of {drug} before the club {emoji}',
          'dropped {drug} again, best night of my life',
          'cooking {drug} in the basement, step by step guide soon',
        ],
        fr: [
          'rien de mieux que {drug} avant la soirée {emoji}',
          "j'ai encore pris {drug}, meilleure nuit de ma vie",
          'je fabrique {drug} à la cave, tuto bientôt',
        ],
        de: [
          'nichts geht über ne Line {drug} vor dem Club {emoji}',
          'wieder {drug} eingeworfen, beste Nacht meines Lebens',
          'koche {drug} im Keller, Anleitung kommt bald',
        ],
        es: [
          'nada como una raya de {drug} antes de la disco {emoji}',
          'otra vez {drug}, la mejor noche de mi vida',
          'cocinando {drug} en el sótano, tutorial pronto',
        ],
        pt: [
          'nada melhor que uma carreira de {drug} antes da balada {emoji}',
          'tomei {drug} de novo, melhor noite da vida',
          'fazendo {drug} no porão, tutorial em breve',
        ],
      },
    },
    {
      name: 'drugs_short_caption',
      positives: ['illicit/drugs'],
      unknown: ['spam'],
      templates: {
        en: ['{drug} for sale', '{drug} delivery {emoji}', 'plug {emoji} DM'],
        fr: ['vends {drug}', '{drug} en livraison {emoji}', 'plan {emoji} DM'],
        de: ['{drug} zu verkaufen', '{drug} Lieferung {emoji}', 'Dealer {emoji} DM'],
        es: ['vendo {drug}', '{drug} a domicilio {emoji}', 'camello {emoji} DM'],
        pt: ['vendo {drug}', '{drug} delivery {emoji}', 'fornecedor {emoji} DM'],
      },
    },
    {
      name: 'hardneg_harm_reduction',
      positives: [],
      templates: {
        en: [
          'If you use {drug}, test it first and never use alone. Free test kits at the clinic',
          'Naloxone saves lives: ask your pharmacy for a free kit',
          'Mixing alcohol and ketamine is dangerous, look out for your friends',
        ],
        fr: [
          "Si tu prends {drug}, teste d'abord et ne consomme jamais seul. Kits gratuits au CAARUD",
          'La naloxone sauve des vies : demande un kit gratuit en pharmacie',
          'Mélanger alcool et kétamine est dangereux, veillez les uns sur les autres',
        ],
        de: [
          'Wenn du {drug} nimmst, teste es vorher und konsumiere nie allein. Gratis Testkits bei der Drogenhilfe',
          'Naloxon rettet Leben: frag in der Apotheke nach einem Notfallset',
          'Alkohol und Ketamin zu mischen ist gefährlich, passt aufeinander auf',
        ],
        es: [
          'Si consumes {drug}, analízala antes y nunca consumas solo. Kits gratis en Energy Control',
          'La naloxona salva vidas: pide un kit gratis en tu farmacia',
          'Mezclar alcohol y ketamina es peligroso, cuidad unos de otros',
        ],
        pt: [
          'Se usar {drug}, teste antes e nunca use sozinho. Kits grátis no CAPS AD',
          'A naloxona salva vidas: peça um kit grátis na farmácia',
          'Misturar álcool e ketamina é perigoso, cuidem uns dos outros',
        ],
      },
    },
    {
      name: 'hardneg_prescription',
      positives: [],
      templates: {
        en: [
          'Picked up {med} from the pharmacy, doctor upped the dose',
          'Reminder to take {med} with food',
          'Does anyone else get headaches from {med}?',
        ],
        fr: [
          'Je suis passé chercher {med} à la pharmacie, le médecin a augmenté la dose',
          'Penser à prendre {med} pendant le repas',
          "Quelqu'un d'autre a des maux de tête avec {med} ?",
        ],
        de: [
          'Hab {med} aus der Apotheke geholt, die Ärztin hat die Dosis erhöht',
          'Erinnerung: {med} zum Essen nehmen',
          'Bekommt noch jemand Kopfschmerzen von {med}?',
        ],
        es: [
          'Recogí {med} en la farmacia, el médico me subió la dosis',
          'Recordatorio: tomar {med} con comida',
          '¿A alguien más le da dolor de cabeza tomar {med}?',
        ],
        pt: [
          'Peguei {med} na farmácia, o médico aumentou a dose',
          'Lembrete: tomar {med} com comida',
          'Mais alguém tem dor de cabeça com {med}?',
        ],
      },
    },
    {
      name: 'hardneg_news',
      positives: [],
      templates: {
        en: [
          'Police seize 2 tonnes of cocaine at the port of {city}',
          'Court jails {city} dealer who sold {drug} to teenagers',
          'Overdose deaths fell after {city} opened supervised consumption sites',
        ],
        fr: [
          'La police saisit 2 tonnes de cocaïne au port de {city}',
          'Un dealer de {city} condamné pour avoir vendu {drug} à des mineurs',
          'Les overdoses ont baissé depuis l’ouverture des salles de consommation à {city}',
        ],
        de: [
          'Polizei stellt im Hafen von {city} 2 Tonnen Kokain sicher',
          'Gericht verurteilt Dealer aus {city}, der {drug} an Jugendliche verkaufte',
          'Weniger Drogentote, seit {city} Konsumräume eröffnet hat',
        ],
        es: [
          'La policía incauta 2 toneladas de cocaína en el puerto de {city}',
          'Condenado un camello de {city} por vender {drug} a menores',
          'Bajan las sobredosis desde que {city} abrió salas de consumo supervisado',
        ],
        pt: [
          'Polícia apreende 2 toneladas de cocaína no porto de {city}',
          'Traficante de {city} é condenado por vender {drug} a adolescentes',
          'Mortes por overdose caem depois que {city} abriu salas de consumo supervisionado',
        ],
      },
    },
    {
      name: 'hardneg_policy_debate',
      positives: [],
      templates: {
        en: [
          'Should cannabis be legalised? Portugal decriminalised drugs in 2001, here is what happened',
          'The war on drugs has failed, we need public health policies',
        ],
        fr: [
          'Faut-il légaliser le cannabis ? Le Portugal a dépénalisé les drogues en 2001, voici le bilan',
          'La guerre contre la drogue a échoué, il faut une politique de santé publique',
        ],
        de: [
          'Sollte Cannabis legal sein? Portugal hat 2001 entkriminalisiert, hier die Bilanz',
          'Der Krieg gegen Drogen ist gescheitert, wir brauchen Gesundheitspolitik',
        ],
        es: [
          '¿Hay que legalizar el cannabis? Portugal despenalizó las drogas en 2001, este es el balance',
          'La guerra contra las drogas ha fracasado, hace falta salud pública',
        ],
        pt: [
          'A maconha deve ser legalizada? Portugal descriminalizou as drogas em 2001, veja o resultado',
          'A guerra às drogas fracassou, precisamos de políticas de saúde pública',
        ],
      },
    },
    {
      name: 'hardneg_short_caption',
      positives: [],
      templates: {
        en: ['snow day ❄️', 'dope outfit', 'grass cutting', 'pharmacy run'],
        fr: ['jour de neige ❄️', 'tenue de ouf', 'tonte du gazon', 'passage à la pharmacie'],
        de: ['Schneetag ❄️', 'krasses Outfit', 'Rasen mähen', 'kurz zur Apotheke'],
        es: ['día de nieve ❄️', 'outfit brutal', 'cortando césped', 'a la farmacia'],
        pt: ['dia de neve ❄️', 'look brabo', 'cortando grama', 'ida à farmácia'],
      },
    },
  ],
};
