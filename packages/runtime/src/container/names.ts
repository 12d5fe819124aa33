// Names for containers nobody named, the way Docker makes them: an adjective and the surname of
// a notable scientist or hacker (moby's namesgenerator; a shortened list), drawn from the
// engine's seeded random so a seed fixes them.

import type { SeededRandom } from '../sim/random.ts';

const LEFT = [
  'admiring', 'adoring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful', 'blissful', 'bold',
  'boring', 'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent', 'confident', 'cool', 'cranky',
  'crazy', 'dazzling', 'determined', 'distracted', 'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant',
  'eloquent', 'epic', 'exciting', 'fervent', 'festive', 'focused', 'friendly', 'frosty', 'funny', 'gallant',
  'gifted', 'goofy', 'gracious', 'happy', 'hopeful', 'hungry', 'inspiring', 'intelligent', 'jolly', 'jovial',
  'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical', 'modest', 'musing', 'nervous', 'nice',
  'nifty', 'nostalgic', 'objective', 'optimistic', 'peaceful', 'pensive', 'practical', 'priceless', 'quirky', 'relaxed',
  'reverent', 'romantic', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'suspicious', 'sweet',
  'tender', 'thirsty', 'trusting', 'upbeat', 'vibrant', 'vigilant', 'vigorous', 'wizardly', 'wonderful', 'youthful',
  'zealous', 'zen',
];

const RIGHT = [
  'agnesi', 'albattani', 'allen', 'archimedes', 'babbage', 'bardeen', 'bartik', 'bell', 'blackwell', 'bohr',
  'booth', 'borg', 'bose', 'brattain', 'cannon', 'carson', 'cerf', 'chandrasekhar', 'clarke', 'curie',
  'darwin', 'davinci', 'diffie', 'dijkstra', 'einstein', 'elion', 'engelbart', 'euclid', 'euler', 'faraday',
  'fermat', 'fermi', 'feynman', 'franklin', 'galileo', 'gates', 'goldberg', 'goodall', 'hamilton', 'hawking',
  'heisenberg', 'hellman', 'hodgkin', 'hofstadter', 'hopper', 'hypatia', 'jackson', 'jemison', 'johnson', 'kalam',
  'keller', 'kepler', 'khorana', 'knuth', 'kowalevski', 'lalande', 'lamarr', 'lamport', 'leakey', 'lederberg',
  'liskov', 'lovelace', 'lumiere', 'mayer', 'mccarthy', 'mcclintock', 'meitner', 'mendel', 'merkle', 'morse',
  'napier', 'newton', 'nobel', 'noether', 'pare', 'pascal', 'pasteur', 'payne', 'perlman', 'pike',
  'poincare', 'ptolemy', 'raman', 'ramanujan', 'ride', 'ritchie', 'rosalind', 'saha', 'sammet', 'shannon',
  'shockley', 'sinoussi', 'stonebraker', 'swanson', 'tesla', 'thompson', 'torvalds', 'turing', 'varahamihira', 'villani',
  'wescoff', 'wilbur', 'wiles', 'williams', 'wilson', 'wing', 'wozniak', 'wright', 'yalow', 'yonath',
];

/** A fresh `adjective_surname`; `taken` rejects names in use (Docker retries, then adds a digit). */
export function generateName(random: SeededRandom, taken: (name: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    let name = `${random.pick(LEFT)}_${random.pick(RIGHT)}`;
    // Steve Wozniak is not boring (moby's one exception).
    if (name === 'boring_wozniak') continue;
    if (attempt > 10) name += random.int(0, 9);
    if (!taken(name)) return name;
  }
}
