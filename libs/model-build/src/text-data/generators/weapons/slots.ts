import type { Slots } from '../template';

// Slot fillers of the weapons generator (en, fr, de, es, pt), composed in ./index.ts.

export const EN_SLOTS: Slots = {
  gun: ['Glock', 'AR-15', 'pistol', '9mm', 'AK', 'shotgun', 'revolver'],
  price: ['$600', '$900', '$1,200', '500 cash'],
  contact: ['DM me', 'telegram in bio', 'hit me on signal', 'text only'],
  part: ['80% lower', 'auto sear', 'switch', 'solvent trap kit'],
  game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
  place: ['the range', 'the hunting lodge', 'our shop'],
  war: ['the First World War', 'the Civil War', 'the Napoleonic wars'],
  strap: ['a strap', 'a blick', 'a Glock 19', 'a draco', 'a P80', 'a Hi-Point', 'a Taurus'],
  city: ['Chicago', 'London', 'Philly', 'Glasgow', 'Atlanta'],
};

export const FR_SLOTS: Slots = {
  gun: ['Glock', 'AR-15', 'pistolet', '9 mm', 'kalach', 'fusil à pompe', 'revolver'],
  price: ['600 €', '900 €', '1 200 €', '500 en liquide'],
  contact: ['en DM', 'Telegram en bio', 'sur Signal', 'par SMS seulement'],
  part: ['carcasse imprimée', 'kit de conversion auto', 'sear auto'],
  game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
  place: ['le stand de tir', 'la cabane de chasse', 'notre armurerie'],
  war: ['la Première Guerre mondiale', 'la guerre de 1870', 'les guerres napoléoniennes'],
  strap: ['un calibre', 'un feu', 'un Glock 17', 'une kalash', 'un 9 mm', 'un 357'],
  city: ['Marseille', 'Lyon', 'Toulouse', 'Bruxelles', 'Grenoble'],
};

export const DE_SLOTS: Slots = {
  gun: ['Glock', 'AR-15', 'Pistole', '9mm', 'Kalaschnikow', 'Pumpgun', 'Revolver'],
  price: ['600 €', '900 €', '1.200 €', '500 bar'],
  contact: ['per DM', 'Telegram in der Bio', 'über Signal', 'nur SMS'],
  part: ['gedrucktes Griffstück', 'Vollauto-Umbausatz', 'Auto-Sear'],
  game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
  place: ['den Schießstand', 'die Jagdhütte', 'unser Waffengeschäft'],
  war: ['dem Ersten Weltkrieg', 'dem Dreißigjährigen Krieg', 'den Napoleonischen Kriegen'],
  strap: ['ne Knarre', 'ne Wumme', 'ne Glock 17', 'ne Kalasch', 'ne umgebaute Schreckschuss', 'ne Makarov'],
  city: ['Berlin', 'Köln', 'Wien', 'Zürich', 'Duisburg'],
};

export const ES_SLOTS: Slots = {
  gun: ['Glock', 'AR-15', 'pistola', '9 mm', 'cuerno de chivo', 'escopeta', 'revólver'],
  price: ['600 €', '900 €', '1.200 €', '500 en efectivo'],
  contact: ['por DM', 'Telegram en la bio', 'por Signal', 'solo SMS'],
  part: ['armazón impreso', 'kit de conversión a automática', 'chip de ráfaga'],
  game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'PUBG'],
  place: ['la galería de tiro', 'el coto de caza', 'nuestra armería'],
  war: ['la Primera Guerra Mundial', 'la Guerra Civil', 'las guerras napoleónicas'],
  strap: ['una pipa', 'una fusca', 'una Glock 17', 'un cuerno de chivo', 'un fierro', 'una nueve'],
  city: ['Madrid', 'Barcelona', 'CDMX', 'Bogotá', 'Marbella'],
};

export const PT_SLOTS: Slots = {
  gun: ['Glock', 'AR-15', 'pistola', '9mm', 'fuzil', 'escopeta', 'revólver', 'oitão'],
  price: ['R$ 3 mil', 'R$ 5 mil', '900 €', '500 em dinheiro'],
  contact: ['chama no DM', 'Telegram na bio', 'chama no Signal', 'só zap'],
  part: ['armação impressa', 'kit de conversão pra rajada', 'chip de rajada'],
  game: ['Fortnite', 'Call of Duty', 'Warzone', 'Counter-Strike', 'Free Fire'],
  place: ['o clube de tiro', 'a cabana de caça', 'nossa loja de armas'],
  war: ['a Primeira Guerra Mundial', 'a Guerra do Paraguai', 'as guerras napoleônicas'],
  strap: ['um ferro', 'um oitão', 'uma Glock', 'uma .40', 'um 38', 'uma pistola 380'],
  city: ['São Paulo', 'Manaus', 'Lisboa', 'Salvador', 'BH'],
};
