/**
 * police.uk crime categories: the bulk CSV's "Crime type" → the API slug. The 14 current
 * categories as https://data.police.uk/api/crime-categories lists them
 * (docs: https://data.police.uk/docs/method/crime-categories/), plus the names police.uk used
 * before May 2013 so that older bulk files map to the slugs the API gave them.
 */
export const CRIME_CATEGORIES: Record<string, string> = {
  'Anti-social behaviour': 'anti-social-behaviour',
  'Bicycle theft': 'bicycle-theft',
  Burglary: 'burglary',
  'Criminal damage and arson': 'criminal-damage-arson',
  Drugs: 'drugs',
  'Other theft': 'other-theft',
  'Possession of weapons': 'possession-of-weapons',
  'Public order': 'public-order',
  Robbery: 'robbery',
  Shoplifting: 'shoplifting',
  'Theft from the person': 'theft-from-the-person',
  'Vehicle crime': 'vehicle-crime',
  'Violence and sexual offences': 'violent-crime',
  'Other crime': 'other-crime',
  'Public disorder and weapons': 'public-disorder-weapons',
  'Violent crime': 'violent-crime',
}

/** The API slug of a crime type; a type police.uk adds later becomes a slug of its name. */
export function crimeCategory(crimeType: string): string {
  return CRIME_CATEGORIES[crimeType] ?? crimeType.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}
