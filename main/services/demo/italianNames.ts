/** Common surnames and given names of Lombardy's elderly population, for demo data only. */

export const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
  'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani',
  'Benedetti', 'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Martino', 'Fiore',
  'De Rosa', 'Ferretti', 'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali', 'Battaglia', 'Sartori',
  'Neri', 'Costantini', 'Milani', 'Pagano', 'Ruggiero', 'Sorrentino', "D'Amico", 'Orlando', 'Negri', 'Brambilla',
  'Fumagalli', 'Crippa', 'Mauri', 'Bassi', 'Rota', 'Sormani', 'Pozzi', 'Bonetti', 'Zanetti', 'Cavalli',
  'Longhi', 'Baldini', 'Brivio', 'Mapelli', 'Radaelli', 'Locatelli', 'Magni', 'Ravasi', 'Arosio', 'Galbiati',
  "Dell'Acqua", 'Lo Presti', 'Della Torre', 'Cantù', 'Bonfà', 'Nicolò', 'Rosso', 'Rossini', 'Rosa', 'Rosati',
];

export const MALE_NAMES = [
  'Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Angelo', 'Vincenzo', 'Pietro', 'Salvatore',
  'Carlo', 'Franco', 'Domenico', 'Bruno', 'Paolo', 'Michele', 'Giorgio', 'Aldo', 'Sergio', 'Luciano',
  'Roberto', 'Giancarlo', 'Renato', 'Enrico', 'Ernesto', 'Nicolò', 'Gianfranco', 'Pierluigi', 'Ettore', 'Gino',
  'Alberto', 'Claudio', 'Massimo', 'Fabio', 'Stefano', 'Walter', 'Ambrogio', 'Felice', 'Battista', 'Cesare',
];

export const FEMALE_NAMES = [
  'Maria', 'Anna', 'Giuseppina', 'Rosa', 'Angela', 'Giovanna', 'Teresa', 'Lucia', 'Carmela', 'Caterina',
  'Francesca', 'Antonietta', 'Carla', 'Elena', 'Rita', 'Luisa', 'Franca', 'Paola', 'Graziella', 'Silvana',
  'Giuliana', 'Bruna', 'Adele', 'Lidia', 'Emma', 'Ornella', 'Marisa', 'Pierangela', 'Mariangela', 'Annamaria',
  'Rosanna', 'Gabriella', 'Patrizia', 'Daniela', 'Laura', 'Agnese', 'Ines', 'Natalina', 'Assunta', 'Letizia',
];

/** Birth municipalities with their codice catastale: Lombardy first, then the large migrations. */
export const BIRTH_PLACES: readonly (readonly [string, number])[] = [
  ['F205', 20], // Milano
  ['G388', 14], // Pavia
  ['L872', 6], // Vigevano
  ['M109', 5], // Voghera
  ['A794', 6], // Bergamo
  ['B157', 6], // Brescia
  ['C933', 4], // Como
  ['D150', 3], // Cremona
  ['E507', 3], // Lecco
  ['E648', 3], // Lodi
  ['E897', 3], // Mantova
  ['F704', 4], // Monza
  ['I829', 2], // Sondrio
  ['L682', 4], // Varese
  ['F839', 5], // Napoli
  ['G273', 4], // Palermo
  ['A662', 3], // Bari
  ['H501', 3], // Roma
];
