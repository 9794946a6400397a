import type { Functionality } from '../template';

// Functionalities of the drugs generator; ./index.ts lists them in order.

export const HARDNEG_NEWS: Functionality = {
  name: 'hardneg_news',
  positives: [],
  templates: {
    en: [
      'Police seize 2 tonnes of cocaine at the port of {city}',
      'Court jails {city} dealer who sold {drug} to teenagers',
      'Overdose deaths fell after {city} opened supervised consumption sites',
      'Documentary tonight: how {drug} flooded {city} in the 90s',
      'BREAKING: 14 arrested in dawn raids on a {city} drug network, £2m of cocaine recovered',
      'Study: cannabis use among teenagers fell after legalisation, researchers say',
    ],
    fr: [
      'La police saisit 2 tonnes de cocaïne au port de {city}',
      'Un dealer de {city} condamné pour avoir vendu {drug} à des mineurs',
      'Les overdoses ont baissé depuis l’ouverture des salles de consommation à {city}',
      'Documentaire ce soir : comment la drogue a envahi {city} dans les années 90',
      'URGENT : 14 interpellations lors d’un coup de filet contre un réseau de trafic à {city}, 2 millions d’euros de cocaïne saisis',
      'Étude : la consommation de cannabis chez les ados a baissé après la légalisation, selon les chercheurs',
    ],
    de: [
      'Polizei stellt im Hafen von {city} 2 Tonnen Kokain sicher',
      'Gericht verurteilt Dealer aus {city}, der {drug} an Jugendliche verkaufte',
      'Weniger Drogentote, seit {city} Konsumräume eröffnet hat',
      'Doku heute Abend: wie Drogen in den 90ern {city} überschwemmt haben',
      'EILMELDUNG: 14 Festnahmen bei Razzia gegen Drogenring in {city}, Kokain im Wert von 2 Millionen Euro sichergestellt',
      'Studie: Cannabiskonsum unter Jugendlichen nach der Legalisierung gesunken',
    ],
    es: [
      'La policía incauta 2 toneladas de cocaína en el puerto de {city}',
      'Condenado un camello de {city} por vender {drug} a menores',
      'Bajan las sobredosis desde que {city} abrió salas de consumo supervisado',
      'Documental esta noche: cómo la droga inundó {city} en los 90',
      'ÚLTIMA HORA: 14 detenidos en una operación contra una red de narcotráfico en {city}, intervenidos 2 millones en cocaína',
      'Estudio: el consumo de cannabis entre adolescentes bajó tras la legalización, según los investigadores',
    ],
    pt: [
      'Polícia apreende 2 toneladas de cocaína no porto de {city}',
      'Traficante de {city} é condenado por vender {drug} a adolescentes',
      'Mortes por overdose caem depois que {city} abriu salas de consumo supervisionado',
      'Documentário hoje: como as drogas tomaram conta de {city} nos anos 90',
      'URGENTE: 14 presos em operação contra rede de tráfico em {city}, R$ 10 milhões em cocaína apreendidos',
      'Estudo: consumo de maconha entre adolescentes caiu depois da legalização, dizem pesquisadores',
    ],
  },
};

export const HARDNEG_POLICY_DEBATE: Functionality = {
  name: 'hardneg_policy_debate',
  positives: [],
  templates: {
    en: [
      'Should cannabis be legalised? Portugal decriminalised drugs in 2001, here is what happened',
      'The war on drugs has failed, we need public health policies',
      "Germany legalised weed and the sky didn't fall. why are we still arresting kids for a joint? #legalize",
      'unpopular opinion: decriminalising drugs without funding treatment is pointless',
      'my cousin did 5 years for selling weed that is now legal in half the country. let that sink in',
    ],
    fr: [
      'Faut-il légaliser le cannabis ? Le Portugal a dépénalisé les drogues en 2001, voici le bilan',
      'La guerre contre la drogue a échoué, il faut une politique de santé publique',
      'L’Allemagne a légalisé et le ciel leur est pas tombé sur la tête. pourquoi on verbalise encore des jeunes pour un joint ? #légalisation',
      'avis impopulaire : dépénaliser sans financer les soins, ça sert à rien',
      'mon cousin a fait 5 ans pour avoir vendu de l’herbe qui est légale chez nos voisins aujourd’hui. réfléchissez-y',
    ],
    de: [
      'Sollte Cannabis legal sein? Portugal hat 2001 entkriminalisiert, hier die Bilanz',
      'Der Krieg gegen Drogen ist gescheitert, wir brauchen Gesundheitspolitik',
      'seit april legal und die welt ist nicht untergegangen. warum wird in bayern trotzdem jeder joint verfolgt? #legalisierung',
      'unpopuläre meinung: entkriminalisieren ohne geld für therapieplätze bringt nichts',
      'mein cousin saß 5 jahre wegen gras, das heute legal ist. lasst das mal sacken',
    ],
    es: [
      '¿Hay que legalizar el cannabis? Portugal despenalizó las drogas en 2001, este es el balance',
      'La guerra contra las drogas ha fracasado, hace falta salud pública',
      'Alemania legalizó y no pasó nada. ¿por qué seguimos multando a chavales por un porro? #legalización',
      'opinión impopular: despenalizar sin invertir en tratamiento no sirve de nada',
      'mi primo se comió 5 años por vender maría que hoy es legal en medio mundo. pensadlo',
    ],
    pt: [
      'A maconha deve ser legalizada? Portugal descriminalizou as drogas em 2001, veja o resultado',
      'A guerra às drogas fracassou, precisamos de políticas de saúde pública',
      'a Alemanha legalizou e o mundo não acabou. por que a gente ainda prende jovem por causa de um baseado? #legalização',
      'opinião impopular: descriminalizar sem investir em tratamento não adianta nada',
      'meu primo pegou 5 anos por vender maconha que hoje é legal em meio mundo. pensa nisso',
    ],
  },
};

export const HARDNEG_SHORT_CAPTION: Functionality = {
  name: 'hardneg_short_caption',
  positives: [],
  templates: {
    en: ['snow day ❄️', 'dope outfit', 'grass cutting', 'pharmacy run', 'powder day ⛷️', 'high tide 🌊'],
    fr: [
      'jour de neige ❄️',
      'tenue de ouf',
      'tonte du gazon',
      'passage à la pharmacie',
      'poudreuse au top ⛷️',
      'marée haute 🌊',
    ],
    de: [
      'Schneetag ❄️',
      'krasses Outfit',
      'Rasen mähen',
      'kurz zur Apotheke',
      'Pulverschnee heute ⛷️',
      'Flut kommt 🌊',
    ],
    es: [
      'día de nieve ❄️',
      'outfit brutal',
      'cortando césped',
      'a la farmacia',
      'nieve polvo ⛷️',
      'marea alta 🌊',
    ],
    pt: ['dia de neve ❄️', 'look brabo', 'cortando grama', 'ida à farmácia', 'neve fofa ⛷️', 'maré alta 🌊'],
  },
};
