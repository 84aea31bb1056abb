// The server's reasons are English. In the Finnish view the ones a person meets most often in the
// console (the guided form, cases, deploys, sign-in rules, imports) are said in Finnish; the rest
// stay as the server wrote them.
import { lang } from './i18n.js';

const FINNISH = [
  [/^must be (\d+)–(\d+) hours$/, 'on oltava $1–$2 tuntia'],
  [/^must be a whole number of hours$/, 'on oltava kokonainen tuntimäärä'],
  [/^must be lower-case letters and digits joined by '-', e\.g\. (.+)$/, 'saa sisältää vain pieniä kirjaimia ja numeroita väliviivoin yhdistettyinä, esim. $1'],
  [/^must be 1–(\d+) characters without quotes, backslashes or line breaks$/, 'on oltava 1–$1 merkkiä ilman lainausmerkkejä, kenoviivoja ja rivinvaihtoja'],
  [/^must be a team name of lower-case letters and digits joined by '-'$/, 'on oltava tiimin nimi pienin kirjaimin ja numeroin, väliviivoin yhdistettynä'],
  [/^must be 1–(\d+) letters, digits, spaces or '-'$/, 'saa olla 1–$1 kirjainta, numeroa, välilyöntiä tai väliviivaa'],
  [/^must be at least (\d+) characters$/, 'on oltava vähintään $1 merkkiä'],
  [/^must be at most (\d+) characters$/, 'saa olla enintään $1 merkkiä'],
  [/^is required: why the case is cancelled$/, 'puuttuu: kirjoita, miksi tapaus perutaan'],
  [/^scenario '(.+)' expects (.+) but the rules give (.+)$/, 'testitapaus ”$1” odottaa: $2, mutta säännöt antavat: $3'],
  [/^'(.+)' is not allowed in rules: (.+)$/, '”$1” ei ole sallittu säännöissä: $2'],
  [/^(.+) is outside from (-?\d+) to (-?\d+) for (NPS|CSAT)$/, '$1 ei ole välillä $2–$3 ($4)'],
  [/^'(.+)' is not one of (.+)$/, '”$1” ei ole mikään näistä: $2'],
  [/^there is no (.+)$/, 'ei löydy: $1'],
  [/^is required(: .*)?$/, 'puuttuu$1'],
];

/** A reason from the server in the user's language, where it is known; else as it came. */
export function reasonText(reason) {
  if (lang() !== 'fi' || typeof reason !== 'string') return reason;
  for (const [pattern, finnish] of FINNISH) {
    if (pattern.test(reason)) return reason.replace(pattern, finnish);
  }
  return reason;
}
