import common from './messages/common/en-GB.json'
import errors from './messages/errors/en-GB.json'
import time from './messages/time/en-GB.json'
import vocabulary from './messages/vocabulary/en-GB.json'
import map from './messages/map/en-GB.json'
import report from './messages/report/en-GB.json'
import receipt from './messages/receipt/en-GB.json'
import places from './messages/places/en-GB.json'
import offline from './messages/offline/en-GB.json'
import routes from './messages/routes/en-GB.json'
import clubs from './messages/clubs/en-GB.json'
import patrols from './messages/patrols/en-GB.json'
import officer from './messages/officer/en-GB.json'
import auth from './messages/auth/en-GB.json'

/**
 * The English catalogue, one JSON file a part of the UI (messages/<part>/<locale>.json, each key
 * starting with its part's name). English is built in; the other languages load on demand
 * (intl.ts). Keys are the message ids the code uses: a key not here is a type error.
 */
export const english = { ...common, ...errors, ...time, ...vocabulary, ...map, ...report, ...receipt, ...places, ...offline, ...routes, ...clubs, ...patrols, ...officer, ...auth }

export type MessageId = keyof typeof english

