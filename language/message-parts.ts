// The parts of a message: its letter formulas set aside, its sentences, and which of them ask something.

/**
 * Greetings and closings of letters and emails ("Madame, Monsieur,", "Je vous remercie par avance de votre
 * réponse.", "Kind regards, Tom"): they ask nothing, yet their words ("réponse", "reply") belong to entries.
 * Each pattern takes the formula alone, never the question around it.
 */
const FORMULAS: RegExp[] = [
  // Openings, at the start of the message only: "Bonjour Madame,", "Madame la Responsable RH,", "Dear HR team,".
  /^\s*(?:(?:bonjour|bonsoir|hello|hi|good (?:morning|afternoon|evening))\b[^,.!?\n]{0,40}[,!.\n]\s*)?(?:(?:madame|monsieur|mesdames|messieurs|ch[eè]re?s?|dear|to whom it may concern)\b[^.!?\n:]{0,60}[,:\n]\s*)+/i,
  /^\s*(?:bonjour|bonsoir|hello|hi|good (?:morning|afternoon|evening))\b[^,.!?\n]{0,40}[,!.\n]\s*/i,
  // French closings.
  /\b(?:je vous (?:remercie|en remercie)|merci)(?: (?:par avance|d'avance|d’avance|beaucoup|infiniment))*(?: (?:de|pour) (?:votre|ta|vos) (?:r[ée]ponse|retour|aide|attention|compr[ée]hension|temps)s?)?[^.!?\n]{0,40}[.!]?/gi,
  /\b(?:dans l'attente|dans l’attente) de (?:votre|vous|ta) (?:r[ée]ponse|retour|lire)[^.!?\n]*[.!]?/gi,
  /\b(?:je vous prie d'agr[ée]er|je vous prie d’agr[ée]er|veuillez agr[ée]er|recevez|je vous prie de recevoir)[^.!?\n]*(?:salutations|sentiments|respect|consid[ée]ration)[^.!?\n]*[.!]?/gi,
  /\b(?:avec (?:mes|tous mes) )?(?:sinc[èe]res |meilleures |respectueuses )?(?:salutations|remerciements)(?: distingu[ée]es| respectueuses)?[.!]?/gi,
  /\b(?:en vous remerciant|(?:tr[èe]s |bien )?cordialement|bien [àa] (?:vous|toi)|respectueusement|bonne (?:journ[ée]e|soir[ée]e))\b[^?\n]{0,40}$/gim,
  // English closings.
  /\b(?:many )?(?:thanks|thank you)(?: (?:so much|very much|a lot))?(?: (?:in advance|for your (?:help|time|reply|response|answer|attention|understanding)))+[^.!?\n]{0,30}[.!]?/gi,
  /\b(?:i look|looking) forward to (?:your (?:reply|response|answer)|hearing from you)[^.!?\n]*[.!]?/gi,
  /\bi (?:would|should|will) be grateful for (?:a |an |your )?(?:prompt |quick |early |swift )?(?:reply|response|answer)[^.!?\n]*[.!]?/gi,
  /\b(?:(?:kind|best|warm|many)(?:est)? regards|regards|yours (?:faithfully|sincerely|truly)|sincerely|with (?:many )?thanks|respectfully|cheers)\b[^?\n]{0,40}$/gim,
];

/** The message without its letter formulas, or the message itself when nothing else is left. */
export function withoutFormulas(text: string): string {
  let kept = text;
  for (const formula of FORMULAS) kept = kept.replace(formula, ' ');
  return /[\p{L}\d]{3}/u.test(kept) ? kept.trim() : text;
}

/**
 * A sentence that asks without a question mark: "je souhaiterais savoir si…", "pourriez-vous m'indiquer…",
 * "could you confirm whether…", "please advise which…", or one that opens with a question word.
 */
const INDIRECT_QUESTION =
  /\b(?:(?:demander|conna[iî]tre|ask|enquire|know|inquire) (?:si|s'il|s’il|whether|if)\b|afin de conna[iî]tre|inform me|savoir (?:si|s'il|s’il|quel|quand|qui|comment|combien|ce qu|o[uù]|pourquoi)|pourriez[- ]vous|pouvez[- ]vous|pourrais[- ]tu|peux[- ]tu|m'indiquer|m’indiquer|me (?:pr[ée]ciser|confirmer|dire|renseigner)|je me demande|je vous saurais gr[ée]|je vous serais reconnaissante?|could you|can you|would you|please (?:advise|confirm|let me know|tell me|clarify|specify|explain)|let me know|like to know|want to know|i wonder|wondering|whether|i am writing to ask|grateful (?:if|for)|obliged if)\b/i;
const OPENS_A_QUESTION =
  /^(?:(?:et|and|so|mais|but|alors|du coup)\s+)?(?:who|what|when|where|why|how|which|can|could|do|does|did|is|are|am|will|would|should|may|must|est[- ]ce|qui|quoi|quand|comment|combien|pourquoi|quel(?:le)?s?|peut[- ]on|dois[- ]je|puis[- ]je|faut[- ]il|y a[- ]t[- ]il|c koi|koi|pk|pq)\b/i;

export interface Sentence {
  text: string;
  /** Where it starts in the message. */
  position: number;
  /** It asks something: a "?", an indirect question, a question word first, or the unpunctuated last words. */
  asks: boolean;
}

/** The message's sentences, each with whether it asks something. */
export function sentencesOf(text: string): Sentence[] {
  const sentences: Array<{ text: string; position: number }> = [];
  for (const found of text.matchAll(/[^.!?\n]+[.!?\n]*/g)) {
    const sentence = found[0].trim();
    // A quoted line of an email ("> Your meeting is set for…") is what someone else wrote: it asks nothing.
    if (sentence && !sentence.startsWith('>')) sentences.push({ text: sentence, position: found.index ?? 0 });
  }
  return sentences.map((sentence, i) => ({
    ...sentence,
    asks:
      sentence.text.includes('?') ||
      INDIRECT_QUESTION.test(sentence.text) ||
      OPENS_A_QUESTION.test(sentence.text) ||
      (i === sentences.length - 1 && !/[.!]$/.test(sentence.text)),
  }));
}

/**
 * What a message asks, whatever it is about: its question words and modal verbs ("combien de temps", "can I",
 * "what happens if", "who"), which the stop words otherwise drop. Neighbouring entries share their subject's
 * words and differ by these ("mes deux arrêts, après combien de jours ?" against "…s'additionnent ?").
 */
const QUESTION_FORMS: Array<[string, RegExp]> = [
  ['who', /\b(?:qui|who|whom)\b/],
  ['when', /\b(?:quand|when|quelle date|what date)\b/],
  [
    'howlong',
    /\b(?:combien de (?:temps|jours|semaines|mois)|how (?:long|fast|quickly|soon)|jusqu'(?:a|au) quand|until when|by when)\b/,
  ],
  ['howmany', /\b(?:combien(?! de (?:temps|jours|semaines|mois))|how (?:many|much|often))\b/],
  ['how', /\b(?:comment|how (?:do|can|does|should|to|would|is|are))\b/],
  [
    'whatif',
    /\b(?:(?:que|qu'est-ce qui) se passe|what happens|what if|et si|and if|si je|if i|if we|si on|si jamais)\b/,
  ],
  ['why', /\b(?:pourquoi|pk|pq|why)\b/],
  [
    'can',
    /\b(?:peux|peut|pouvons|pouvez|peuvent|puis|pourrais|pourrait|jpeux|can|could|may|allowed|le droit|the right)\b/,
  ],
  [
    'must',
    /\b(?:dois|doit|devons|devez|doivent|faut|jdois|must|have to|has to|need to|needs to|obliged|oblige|obligee|required)\b/,
  ],
  // Who speaks: an employee about their manager, or a manager or HR about an employee (the entries' sides).
  [
    'mymanager',
    /\b(?:my|mon|ma) (?:manager|boss|chef|cheffe|supervisor|line manager|n\+1|responsable|superieure?|team lead)\b/,
  ],
  [
    'ismanager',
    /\b(?:as (?:a|her|his|their) (?:manager|boss|team lead)|manager here|hr here|i'?m (?:a |the |their |her |his )?(?:manager|team lead)|i am (?:a |the )?manager|en tant que (?:manager|rh|responsable|chef)|je suis (?:manager|rh|responsable|chef)|my team|mon equipe|my (?:employee|staff|report)|(?:mon|ma|un|une|notre|nos) (?:salariee?s?|collaborat(?:eur|rice)s?)|an employee|a team member|one of my)\b/,
  ],
  ['i', /\b(?:je|j'|moi|jsuis|jpeux|jdois|chui|i|i'm|i've|im|ive|me)\b/],
];

/** The question forms of a folded text: the tags above it uses. */
export function questionForms(folded: string): string[] {
  return QUESTION_FORMS.filter(([, pattern]) => pattern.test(folded)).map(([form]) => form);
}

/**
 * The frames of a polite request ("je vous saurais gré de bien vouloir m'indiquer", "could you kindly confirm
 * whether", "I am writing to ask"): they say that something is asked, not what, and dilute what is.
 */
const FRAMES: RegExp[] = [
  /\b(?:je vous (?:saurais|serais) (?:gr[ée]|reconnaissante?) de (?:bien vouloir )?|je vous prie de (?:bien vouloir )?|pourriez[- ]vous (?:s'il vous pla[iî]t )?|pouvez[- ]vous |merci de (?:bien vouloir )?)(?:m'|me |m’)(?:en )?(?:indiquer|pr[ée]ciser|confirmer|faire savoir|communiquer|dire|renseigner(?: sur)?|expliquer)\b/gi,
  /\bje me permets de vous (?:solliciter|[ée]crire|contacter|demander)(?: (?:afin de|pour|au sujet d[eu]|concernant))?\b/gi,
  /\bje (?:souhaiterais|voudrais|aimerais|souhaite) (?:savoir|conna[iî]tre|obtenir des pr[ée]cisions sur)\b/gi,
  /\bpar la pr[ée]sente,?/gi,
  /\b(?:i (?:would|should) be (?:grateful|obliged) if you (?:could|would) |could you (?:kindly |please )?|would you (?:kindly |please )?|can you (?:please )?|please )(?:let me know|confirm|tell me|advise(?: me)?|clarify|specify|explain|inform me(?: of)?)\b/gi,
  /\bi am writing (?:to (?:ask|enquire|inquire)|regarding|about)\b/gi,
  /\bi would like to (?:know|enquire|inquire|ask)\b/gi,
];

/** The text without its request frames. */
export function withoutFrames(text: string): string {
  let kept = text;
  for (const frame of FRAMES) kept = kept.replace(frame, ' ');
  return kept;
}
