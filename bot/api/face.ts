import type { Request } from 'express';
import type { Face } from '../app/accessRecords';

/**
 * Which face made the request, for the access records: the add-in and the tab say so in
 * the X-EHCP-Face header (their own clients set it); anything else, or a value we do not
 * know, is the API called directly. The header only labels a read: it grants nothing.
 */
export function faceOf(req: Request): Face {
  const said = req.get('x-ehcp-face');
  return said === 'addin' || said === 'tab' ? said : 'api';
}
