/** The offers the site can show, and which of them a visitor's preferences allow. */
import type { Consent, Interest, Preferences } from './preferences.js'

/** The channel that carries an offer. Every channel but `site` needs the matching consent. */
export type Channel = 'site' | 'email' | 'sms' | 'ads'

interface CatalogueOffer {
  readonly id: string
  readonly channel: Channel
  /** Shown only to visitors who picked this interest. */
  readonly interest?: Interest
  readonly title: { readonly en: string; readonly de: string }
}

/** An offer as GET /offers returns it, with the title in the visitor's language. */
export interface Offer {
  readonly id: string
  readonly channel: Channel
  readonly title: string
}

const CATALOGUE: readonly CatalogueOffer[] = [
  {
    id: 'welcome-10',
    channel: 'site',
    title: { en: '10% off your first order', de: '10 % Rabatt auf die erste Bestellung' },
  },
  {
    id: 'free-returns',
    channel: 'site',
    title: { en: 'Free returns for 30 days', de: '30 Tage kostenlose Rücksendung' },
  },
  {
    id: 'trail-shoes',
    channel: 'site',
    interest: 'running',
    title: { en: 'New trail running shoes', de: 'Neue Trailschuhe' },
  },
  {
    id: 'cast-iron-pan',
    channel: 'site',
    interest: 'cooking',
    title: { en: 'Cast-iron pans at 20% off', de: 'Gusseisenpfannen 20 % günstiger' },
  },
  {
    id: 'running-newsletter',
    channel: 'email',
    interest: 'running',
    title: { en: 'Weekly running newsletter', de: 'Wöchentlicher Lauf-Newsletter' },
  },
  {
    id: 'seed-swap-newsletter',
    channel: 'email',
    interest: 'gardening',
    title: { en: 'Seed swap dates by email', de: 'Saatgut-Tauschtermine per E-Mail' },
  },
  {
    id: 'flash-sale-sms',
    channel: 'sms',
    title: { en: 'Flash sales by text message', de: 'Blitzangebote per SMS' },
  },
  {
    id: 'partner-ads',
    channel: 'ads',
    title: { en: 'Offers from partners, based on your interests', de: 'Angebote von Partnern' },
  },
]

const CONSENT_BY_CHANNEL: Readonly<Record<Exclude<Channel, 'site'>, keyof Consent>> = {
  email: 'email',
  sms: 'sms',
  ads: 'personalisedAds',
}

/**
 * Picks the offers for a visitor. Without preferences (no cookie, or one that did not decrypt)
 * only the general site offers qualify. With preferences, an offer also needs the visitor's
 * consent for its channel, and an interest offer needs that interest.
 */
export function pickOffers(preferences: Preferences | undefined): Offer[] {
  const language = preferences?.locale.startsWith('de') === true ? 'de' : 'en'
  return CATALOGUE.filter((offer) => isAllowed(offer, preferences)).map((offer) => ({
    id: offer.id,
    channel: offer.channel,
    title: offer.title[language],
  }))
}

function isAllowed(offer: CatalogueOffer, preferences: Preferences | undefined): boolean {
  if (preferences === undefined) return offer.channel === 'site' && offer.interest === undefined
  if (offer.interest !== undefined && !preferences.interests.includes(offer.interest)) return false
  // A consent flag of false removes every offer of its channel, even one matching an interest.
  return offer.channel === 'site' || preferences.consent[CONSENT_BY_CHANNEL[offer.channel]]
}
