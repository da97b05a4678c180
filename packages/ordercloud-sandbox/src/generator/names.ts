// Realistic, awkward customer data: diacritics, apostrophes, CJK, and deliberate duplicates.
export const firstNames = [
  'Zoë',
  'José',
  'Søren',
  'Aroha',
  'Ngaio',
  'Mei',
  'Hiroshi',
  'François',
  'Åsa',
  'Łukasz',
  'Siobhán',
  'Oğuz',
  'Renée',
  'Jürgen',
  'Chloé',
  'Priya',
  'Tamati',
  'Olivia',
  'Liam',
  'Charlotte',
  'Noah',
  'Amelia',
  'Ethan',
  'Isla',
  'John',
];
export const lastNames = [
  'Müller',
  "O'Brien",
  'García',
  'Nguyễn',
  'Kowalski',
  'Ó Súilleabháin',
  'Smith',
  'Williams',
  'Te Whare',
  'Dubois',
  'Lindqvist',
  'Yılmaz',
  'Patel',
  'Brown',
  'Taylor',
  'Anderson',
  'Schäfer',
  'Rossi',
  'van der Berg',
  'Smith-Jones',
];
export const cjkNames: { first: string; last: string }[] = [
  { first: '小明', last: '王' },
  { first: '太郎', last: '山田' },
  { first: '花子', last: '佐藤' },
];
export const companyNames = [
  'Tūī Trading Ltd',
  'Müller & Söhne GmbH',
  'Acme Pty Ltd',
  'Blue Harbour Café',
  '株式会社サンプル',
  'Smith & Sons LLC',
  "O'Neill Hospitality Group",
  'Kiwi Bikes & Co',
  'Brighton Office Supplies plc',
  'Lone Star Builders Inc',
];
export const productNames = [
  'Merino Crew Jumper',
  'Ceramic Pour-Over Set',
  'Walnut Desk Organiser',
  'Linen Tea Towel (2-pack)',
  'Trail Running Socks',
  'Cast Iron Skillet 26cm',
  'Bamboo Cutting Board',
  'Noise-cancelling Headphones',
  'USB-C Charging Cable 2m',
  'Café Crème Beans 1kg',
  'Résumé Notebook A5',
  'Pohutukawa Candle',
  'Kōwhai Print A3',
  'Matcha Whisk (茶筅)',
  'Stainless Bottle 750ml',
  'Yoga Mat Pro',
  'LED Desk Lamp',
  'Espresso Tamper 58mm',
  'Rain Shell Jacket',
  'Wool Beanie',
  'Smart Plug',
  'Picnic Blanket',
  'Chef Knife 20cm',
  'Herb Planter',
];

export function slug(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .toLowerCase();
  return ascii || 'customer';
}
