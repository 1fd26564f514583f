/** Reading the cards the bot sent, as Teams would: plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: cards are arbitrary JSON the tests walk.
export type Json = any;

/** The Adaptive Cards of a sent activity. */
export function cardsOf(activity: Json): Json[] {
  return (activity?.attachments ?? []).filter((a: Json) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a: Json) => a.content);
}

/** Every node of a card, depth first. */
export function nodesOf(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (n: Json) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The card's Action.Execute with `verb` (not the refresh's), or undefined. */
export function executeAction(card: Json, verb: string): Json {
  return nodesOf(card.body ?? []).find((n) => n.type === 'Action.Execute' && n.verb === verb);
}

/** All text a person would read on the card. */
export function textOf(card: Json): string {
  return nodesOf(card)
    .flatMap((n) => [n.type === 'TextBlock' ? n.text : undefined, n.title, n.value, n.label].filter((t) => typeof t === 'string'))
    .join('\n');
}

/** The ids of the card's inputs. */
export function inputIds(card: Json): string[] {
  return nodesOf(card)
    .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))
    .map((n) => n.id);
}

/** The card in an invoke response (`application/vnd.microsoft.card.adaptive`). */
export function invokeCard(body: Json): Json {
  if (body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not a card response: ${JSON.stringify(body).slice(0, 300)}`);
  return body.value;
}
