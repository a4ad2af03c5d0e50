import { formatRupees as rupees } from './money-format.js';

/** The languages the bot speaks; a user's Telegram language picks one, English otherwise. */
export type Language = 'en' | 'hi';

export function languageOf(languageCode: string | undefined): Language {
  return languageCode?.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

export interface TermsView {
  productName: string;
  productPrice: number;
  level1Commission: number;
  level2Commission: number;
  commissionHoldHours: number;
  minWithdrawalAmount: number;
  referralsEnabled: boolean;
  withdrawalsEnabled: boolean;
}

export interface WalletView {
  pending: number;
  available: number;
  locked: number;
  totalWithdrawn: number;
  totalEarned: number;
  nextReleaseAt: string | null;
}

export interface ReferralsView {
  directReferrals: number;
  level2Referrals: number;
  convertedReferrals: number;
  totalEarned: number;
  level1Earned: number;
  level2Earned: number;
  shown: { name: string; converted: boolean }[];
  total: number;
}

export type LedgerType =
  | 'COMMISSION_CREDIT'
  | 'COMMISSION_RELEASE'
  | 'COMMISSION_REVERSAL'
  | 'CLAWBACK'
  | 'WITHDRAWAL_LOCK'
  | 'WITHDRAWAL_UNLOCK'
  | 'WITHDRAWAL_PAYOUT'
  | 'WITHDRAWAL_REVERSAL'
  | string;

/** Dates in the users' time zone (the platform sells in India). */
function when(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'hi' ? 'hi-IN' : 'en-IN', {
    timeZone: 'Asia/Kolkata',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

function holdText(hours: number, language: Language): string {
  if (language === 'hi') return hours % 24 === 0 && hours > 0 ? `${hours / 24} दिन` : `${hours} घंटे`;
  if (hours % 24 === 0 && hours > 0) return hours === 24 ? '24 hours' : `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

const en = {
  welcomeNew: (name: string) => `Welcome, ${name}! 🎉`,
  welcomeBack: (name: string) => `Welcome back, ${name}!`,
  referredBy: (referrer: string) => `You joined through ${referrer}'s link.`,
  yourLink: (link: string) => `Your referral link:\n${link}`,
  rules: (t: TermsView) =>
    `How it works: when someone who joined with your link buys the ${t.productName} (${rupees(t.productPrice)}), you earn ${rupees(t.level1Commission)}; ` +
    `when someone they brought in buys, you earn ${rupees(t.level2Commission)}. Earnings are held for ${holdText(t.commissionHoldHours, 'en')}, ` +
    `then you can withdraw from ${rupees(t.minWithdrawalAmount)} to your UPI id.` +
    (t.referralsEnabled ? '' : '\n(New referrals are paused right now.)'),
  shareButton: '📣 Share my link',
  shareText: (t: TermsView) => `Get the ${t.productName} for ${rupees(t.productPrice)} — join with my link:`,
  menuTitle: 'What would you like to do?',
  menuBuy: '🛒 Buy',
  menuWallet: '👛 Wallet',
  menuReferrals: '👥 Referrals',
  menuHistory: '📜 History',
  menuWithdraw: '💸 Withdraw',
  menuHelp: '❓ Help',
  /** Without terms (the API down and none seen yet): the product goes unnamed. */
  help: (t: Pick<TermsView, 'productName' | 'productPrice'> | undefined) =>
    `Here is what I can do:\n` +
    (t ? `/buy — buy the ${t.productName} (${rupees(t.productPrice)})\n` : `/buy — buy the plan\n`) +
    `/wallet — your balance\n` +
    `/referrals — people who joined with your link\n` +
    `/history — your last ten wallet entries\n` +
    `/withdraw — send your earnings to your UPI id\n` +
    `/start — your referral link and the rules\n` +
    `/cancel — stop what we are doing`,
  unknown: "Sorry, I didn't get that. Pick something from the menu below, or send /help.",
  orderCreated: (productName: string, amount: number, orderId: string) => `Your order #${orderId}: ${productName}, ${rupees(amount)}.`,
  payWithLink: 'Tap the button below to pay by UPI. I will tell you here as soon as the payment arrives.',
  payButton: (amount: number) => `💳 Pay ${rupees(amount)}`,
  payInstructions: (amount: number, reference: string, upiId: string | undefined) =>
    upiId
      ? `To pay, send ${rupees(amount)} by UPI to ${upiId} and write ${reference} in the payment note. I will tell you here as soon as it arrives.`
      : `Our team will send you the payment details for ${reference} shortly. I will tell you here as soon as the payment arrives.`,
  tooManyOrders: 'You have placed several orders today already. Please try again tomorrow, or contact support if a payment went wrong.',
  orderPaid: (orderId: string, productName: string) => `✅ Payment received for order #${orderId} (${productName}). Thank you!`,
  wallet: (w: WalletView, language: Language) =>
    `👛 Your wallet\n` +
    `Pending: ${rupees(w.pending)}` +
    (w.pending > 0 && w.nextReleaseAt ? ` (becomes available from ${when(w.nextReleaseAt, language)})` : '') +
    `\nAvailable: ${rupees(w.available)}` +
    `\nLocked in withdrawals: ${rupees(w.locked)}` +
    `\nWithdrawn so far: ${rupees(w.totalWithdrawn)}` +
    `\nEarned in total: ${rupees(w.totalEarned)}`,
  walletDebt: 'Your available balance is below zero because a referred purchase was refunded; new earnings will cover it first.',
  referrals: (r: ReferralsView) =>
    `👥 Your referrals\n` +
    `Joined with your link: ${r.directReferrals}\n` +
    `Joined through them (second level): ${r.level2Referrals}\n` +
    `Bought the plan: ${r.convertedReferrals} of ${r.directReferrals}\n` +
    `Earned: ${rupees(r.totalEarned)} (${rupees(r.level1Earned)} direct, ${rupees(r.level2Earned)} second level)` +
    (r.shown.length
      ? `\n\nLatest people who joined:\n${r.shown.map((p) => `• ${p.name}${p.converted ? ' — bought ✅' : ''}`).join('\n')}` +
        (r.total > r.shown.length ? `\n…and ${r.total - r.shown.length} more.` : '')
      : '\n\nNobody has joined with your link yet. Share it with /start.'),
  someone: 'someone',
  historyTitle: '📜 Your last wallet entries:',
  historyEmpty: 'Nothing in your wallet history yet. Invite friends with your link to start earning.',
  ledger: (type: LedgerType, amount: number, at: string, language: Language) => {
    const date = when(at, language);
    const money = rupees(Math.abs(amount));
    switch (type) {
      case 'COMMISSION_CREDIT': return `${date}: earned ${money} from a referral's purchase (pending)`;
      case 'COMMISSION_RELEASE': return `${date}: ${money} became available to withdraw`;
      case 'COMMISSION_REVERSAL': return `${date}: ${money} taken back — the purchase was refunded`;
      case 'CLAWBACK': return `${date}: ${money} taken back — the sale was refunded after the commission had become available`;
      case 'WITHDRAWAL_LOCK': return `${date}: ${money} set aside for your withdrawal request`;
      case 'WITHDRAWAL_UNLOCK': return `${date}: ${money} returned to your balance (withdrawal not paid)`;
      case 'WITHDRAWAL_PAYOUT': return `${date}: ${money} paid out to your UPI id`;
      case 'WITHDRAWAL_REVERSAL': return `${date}: ${money} returned to your balance — your bank sent the payout back`;
      default: return `${date}: ${money} wallet update`;
    }
  },
  withdrawDisabled: 'Withdrawals are paused right now. Please try again later.',
  withdrawTooLittle: (available: number, minimum: number) =>
    `You have ${rupees(Math.max(available, 0))} available; the minimum withdrawal is ${rupees(minimum)}. Keep sharing your link!`,
  withdrawAskAmount: (available: number, minimum: number, example: string) =>
    `How much would you like to withdraw? You have ${rupees(available)} available; the minimum is ${rupees(minimum)}.\nSend an amount in rupees, e.g. ${example}, or /cancel.`,
  withdrawBadAmount: (minimum: number, available: number, example: string) =>
    `Please send just the amount in rupees, from ${rupees(minimum)} to ${rupees(available)}, e.g. ${example} (or /cancel).`,
  withdrawBelowMinimum: (minimum: number) => `The minimum withdrawal is ${rupees(minimum)}. Please send a larger amount (or /cancel).`,
  withdrawOverBalance: (available: number) => `You only have ${rupees(available)} available. Please send a smaller amount (or /cancel).`,
  withdrawAskUpi: 'Which UPI id should receive it? For example: ravi.kumar@okaxis',
  withdrawBadUpi: "That doesn't look like a UPI id. It should look like name@bank, e.g. ravi.kumar@okaxis. Please try again (or /cancel).",
  withdrawConfirm: (amount: number, upiId: string) => `Withdraw ${rupees(amount)} to ${upiId}?`,
  withdrawChangeUpi: 'Tap ✅ Confirm or ✖️ Cancel. To send it to another UPI id, just type that UPI id.',
  confirmButton: '✅ Confirm',
  cancelButton: '✖️ Cancel',
  withdrawRequested: (amount: number, upiId: string) =>
    `Done! Your request to withdraw ${rupees(amount)} to ${upiId} is with our team. The money is set aside and usually arrives within 1–2 working days.`,
  withdrawUnconfirmed:
    "I couldn't confirm that your withdrawal request went through. Please check /wallet in a minute: if the amount shows under " +
    '"Locked in withdrawals", your request is with our team; if not, send /withdraw again. Your money is safe either way.',
  cancelled: 'Okay, cancelled. Nothing was changed.',
  nothingToCancel: 'There is nothing to cancel.',
  staleButton: 'That button has expired. Please start again from the menu.',
  verifyFirst: 'Before you buy or withdraw, please verify your device once: tap the button below, then come back here.',
  verifyButton: '🔐 Verify my device',
  verifyUnavailable: 'Before you buy or withdraw, your device has to be verified once, but verification is not available right now. Please try again later or contact support.',
  onHold: 'Your account is on hold, so you cannot earn from referrals or withdraw right now. Please contact support.',
  slowDown: "You're sending messages very fast — please wait a moment.",
  apology: "Sorry, something went wrong on our side. Please try again in a minute — your money and earnings are safe.",
  serviceDown: "Sorry, we can't reach our service right now. Please try again in a minute — your money and earnings are safe.",
  errors: {
    BELOW_MINIMUM: (d: Record<string, unknown>) =>
      `That is below the minimum withdrawal${typeof d.minimum === 'number' ? ` of ${rupees(d.minimum)}` : ''}.`,
    INSUFFICIENT_FUNDS: (d: Record<string, unknown>) =>
      `You don't have that much available${typeof d.available === 'number' ? ` (available: ${rupees(Math.max(d.available, 0))})` : ''}.`,
    WITHDRAWALS_DISABLED: () => 'Withdrawals are paused right now. Please try again later.',
    USER_BLOCKED: () => 'Your account is on hold, so this is not possible. Please contact support.',
    OPEN_REQUEST_EXISTS: () => 'You already have a withdrawal request in progress. You can ask for another once it is paid.',
    VALIDATION_FAILED: () => 'Something in that request was not valid. Please check it and try again.',
    IDEMPOTENCY_MISMATCH: () => 'That order was already created differently. Please send /buy again.',
    NOT_FOUND: () => "I couldn't find your account. Please send /start first.",
    BAD_USER_INPUT: () => 'That request was not valid. Please check it and try again.',
    FORBIDDEN: () => 'That is not possible for your account right now.',
    CONFLICT: () => 'That conflicts with something already in progress. Please try again in a moment.',
  } as Record<string, (details: Record<string, unknown>) => string>,
  commands: {
    start: 'Your referral link and the rules',
    buy: 'Buy the plan',
    wallet: 'Your balance',
    referrals: 'People who joined with your link',
    history: 'Your last wallet entries',
    withdraw: 'Withdraw to your UPI id',
    help: 'What I can do',
    cancel: 'Stop what we are doing',
  },
};

export type Catalogue = typeof en;

const hi: Catalogue = {
  welcomeNew: (name) => `स्वागत है, ${name}! 🎉`,
  welcomeBack: (name) => `फिर से स्वागत है, ${name}!`,
  referredBy: (referrer) => `आप ${referrer} के लिंक से जुड़े हैं।`,
  yourLink: (link) => `आपका रेफ़रल लिंक:\n${link}`,
  rules: (t) =>
    `ऐसे काम करता है: जब आपके लिंक से जुड़ा कोई व्यक्ति ${t.productName} (${rupees(t.productPrice)}) खरीदता है, तो आपको ${rupees(t.level1Commission)} मिलते हैं; ` +
    `जब उनके लाए किसी व्यक्ति की खरीद होती है, तो आपको ${rupees(t.level2Commission)} मिलते हैं। कमाई ${holdText(t.commissionHoldHours, 'hi')} तक रोकी जाती है, ` +
    `फिर आप ${rupees(t.minWithdrawalAmount)} से अपनी UPI आईडी पर निकाल सकते हैं।` +
    (t.referralsEnabled ? '' : '\n(नए रेफ़रल अभी रुके हुए हैं।)'),
  shareButton: '📣 मेरा लिंक शेयर करें',
  shareText: (t) => `${t.productName} सिर्फ़ ${rupees(t.productPrice)} में — मेरे लिंक से जुड़ें:`,
  menuTitle: 'आप क्या करना चाहेंगे?',
  menuBuy: '🛒 खरीदें',
  menuWallet: '👛 वॉलेट',
  menuReferrals: '👥 रेफ़रल',
  menuHistory: '📜 इतिहास',
  menuWithdraw: '💸 निकासी',
  menuHelp: '❓ मदद',
  help: (t) =>
    `मैं ये कर सकता हूँ:\n` +
    (t ? `/buy — ${t.productName} खरीदें (${rupees(t.productPrice)})\n` : `/buy — प्लान खरीदें\n`) +
    `/wallet — आपका बैलेंस\n` +
    `/referrals — आपके लिंक से जुड़े लोग\n` +
    `/history — आपके वॉलेट की पिछली दस एंट्री\n` +
    `/withdraw — अपनी कमाई UPI आईडी पर भेजें\n` +
    `/start — आपका रेफ़रल लिंक और नियम\n` +
    `/cancel — जो चल रहा है उसे रोकें`,
  unknown: 'माफ़ कीजिए, मैं समझ नहीं पाया। नीचे मेनू से कुछ चुनें, या /help भेजें।',
  orderCreated: (productName, amount, orderId) => `आपका ऑर्डर #${orderId}: ${productName}, ${rupees(amount)}।`,
  payWithLink: 'UPI से भुगतान करने के लिए नीचे बटन दबाएँ। भुगतान आते ही मैं आपको यहीं बताऊँगा।',
  payButton: (amount) => `💳 ${rupees(amount)} का भुगतान करें`,
  payInstructions: (amount, reference, upiId) =>
    upiId
      ? `भुगतान के लिए ${rupees(amount)} UPI से ${upiId} पर भेजें और नोट में ${reference} लिखें। भुगतान आते ही मैं आपको यहीं बताऊँगा।`
      : `हमारी टीम जल्द ही ${reference} के लिए भुगतान की जानकारी भेजेगी। भुगतान आते ही मैं आपको यहीं बताऊँगा।`,
  tooManyOrders: 'आज आप पहले ही कई ऑर्डर कर चुके हैं। कृपया कल फिर कोशिश करें, या भुगतान में गड़बड़ी हो तो सहायता से संपर्क करें।',
  orderPaid: (orderId, productName) => `✅ ऑर्डर #${orderId} (${productName}) का भुगतान मिल गया। धन्यवाद!`,
  wallet: (w, language) =>
    `👛 आपका वॉलेट\n` +
    `रुकी हुई कमाई: ${rupees(w.pending)}` +
    (w.pending > 0 && w.nextReleaseAt ? ` (${when(w.nextReleaseAt, language)} से उपलब्ध)` : '') +
    `\nउपलब्ध: ${rupees(w.available)}` +
    `\nनिकासी में रुकी राशि: ${rupees(w.locked)}` +
    `\nअब तक निकाली गई: ${rupees(w.totalWithdrawn)}` +
    `\nकुल कमाई: ${rupees(w.totalEarned)}`,
  walletDebt: 'एक रेफ़र की गई खरीद का रिफ़ंड होने से आपका उपलब्ध बैलेंस शून्य से कम है; नई कमाई पहले इसे पूरा करेगी।',
  referrals: (r) =>
    `👥 आपके रेफ़रल\n` +
    `आपके लिंक से जुड़े: ${r.directReferrals}\n` +
    `उनके ज़रिए जुड़े (दूसरा स्तर): ${r.level2Referrals}\n` +
    `प्लान खरीदा: ${r.directReferrals} में से ${r.convertedReferrals}\n` +
    `कमाई: ${rupees(r.totalEarned)} (सीधे ${rupees(r.level1Earned)}, दूसरा स्तर ${rupees(r.level2Earned)})` +
    (r.shown.length
      ? `\n\nहाल में जुड़े लोग:\n${r.shown.map((p) => `• ${p.name}${p.converted ? ' — खरीदा ✅' : ''}`).join('\n')}` +
        (r.total > r.shown.length ? `\n…और ${r.total - r.shown.length} लोग।` : '')
      : '\n\nअभी तक कोई आपके लिंक से नहीं जुड़ा। /start से अपना लिंक शेयर करें।'),
  someone: 'कोई व्यक्ति',
  historyTitle: '📜 आपके वॉलेट की पिछली एंट्री:',
  historyEmpty: 'आपके वॉलेट में अभी कोई एंट्री नहीं है। कमाई शुरू करने के लिए दोस्तों को अपना लिंक भेजें।',
  ledger: (type, amount, at, language) => {
    const date = when(at, language);
    const money = rupees(Math.abs(amount));
    switch (type) {
      case 'COMMISSION_CREDIT': return `${date}: रेफ़रल की खरीद से ${money} कमाए (रुके हुए)`;
      case 'COMMISSION_RELEASE': return `${date}: ${money} निकासी के लिए उपलब्ध हुए`;
      case 'COMMISSION_REVERSAL': return `${date}: ${money} वापस लिए गए — खरीद का रिफ़ंड हुआ`;
      case 'CLAWBACK': return `${date}: ${money} वापस लिए गए — कमीशन उपलब्ध होने के बाद बिक्री का रिफ़ंड हुआ`;
      case 'WITHDRAWAL_LOCK': return `${date}: आपकी निकासी के लिए ${money} अलग रखे गए`;
      case 'WITHDRAWAL_UNLOCK': return `${date}: ${money} आपके बैलेंस में लौटे (निकासी नहीं हुई)`;
      case 'WITHDRAWAL_PAYOUT': return `${date}: ${money} आपकी UPI आईडी पर भेजे गए`;
      case 'WITHDRAWAL_REVERSAL': return `${date}: ${money} आपके बैलेंस में लौटे — बैंक ने भुगतान वापस भेज दिया`;
      default: return `${date}: ${money} वॉलेट में बदलाव`;
    }
  },
  withdrawDisabled: 'निकासी अभी रुकी हुई है। कृपया बाद में फिर से कोशिश करें।',
  withdrawTooLittle: (available, minimum) =>
    `आपके पास ${rupees(Math.max(available, 0))} उपलब्ध हैं; न्यूनतम निकासी ${rupees(minimum)} है। अपना लिंक शेयर करते रहें!`,
  withdrawAskAmount: (available, minimum, example) =>
    `आप कितनी राशि निकालना चाहते हैं? आपके पास ${rupees(available)} उपलब्ध हैं; न्यूनतम ${rupees(minimum)} है।\nरुपये में राशि भेजें, जैसे ${example}, या /cancel।`,
  withdrawBadAmount: (minimum, available, example) =>
    `कृपया सिर्फ़ रुपये में ${rupees(minimum)} से ${rupees(available)} तक की राशि भेजें, जैसे ${example} (या /cancel)।`,
  withdrawBelowMinimum: (minimum) => `न्यूनतम निकासी ${rupees(minimum)} है। कृपया बड़ी राशि भेजें (या /cancel)।`,
  withdrawOverBalance: (available) => `आपके पास केवल ${rupees(available)} उपलब्ध हैं। कृपया कम राशि भेजें (या /cancel)।`,
  withdrawAskUpi: 'पैसे किस UPI आईडी पर भेजें? उदाहरण: ravi.kumar@okaxis',
  withdrawBadUpi: 'यह UPI आईडी नहीं लगती। यह name@bank जैसी होनी चाहिए, जैसे ravi.kumar@okaxis। कृपया फिर से भेजें (या /cancel)।',
  withdrawConfirm: (amount, upiId) => `${rupees(amount)} ${upiId} पर निकालें?`,
  withdrawChangeUpi: '✅ पुष्टि करें या ✖️ रद्द करें दबाएँ। किसी दूसरी UPI आईडी पर भेजना हो तो बस वह UPI आईडी लिखें।',
  confirmButton: '✅ पुष्टि करें',
  cancelButton: '✖️ रद्द करें',
  withdrawRequested: (amount, upiId) =>
    `हो गया! ${rupees(amount)} ${upiId} पर निकालने का आपका अनुरोध हमारी टीम के पास है। राशि अलग रख दी गई है और आमतौर पर 1–2 कार्यदिवस में पहुँच जाती है।`,
  withdrawUnconfirmed:
    'मैं पक्का नहीं कर पाया कि आपका निकासी अनुरोध पहुँचा या नहीं। कृपया एक मिनट बाद /wallet देखें: अगर राशि "निकासी में रुकी राशि" में दिखे, ' +
    'तो आपका अनुरोध हमारी टीम के पास है; नहीं तो फिर से /withdraw भेजें। आपका पैसा हर हाल में सुरक्षित है।',
  cancelled: 'ठीक है, रद्द कर दिया। कुछ नहीं बदला गया।',
  nothingToCancel: 'रद्द करने के लिए कुछ नहीं है।',
  staleButton: 'यह बटन अब काम नहीं करता। कृपया मेनू से फिर से शुरू करें।',
  verifyFirst: 'खरीदने या निकालने से पहले, कृपया एक बार अपना डिवाइस सत्यापित करें: नीचे बटन दबाएँ, फिर यहाँ लौटें।',
  verifyButton: '🔐 मेरा डिवाइस सत्यापित करें',
  verifyUnavailable: 'खरीदने या निकालने से पहले आपका डिवाइस एक बार सत्यापित होना ज़रूरी है, पर सत्यापन अभी उपलब्ध नहीं है। कृपया बाद में कोशिश करें या सहायता से संपर्क करें।',
  onHold: 'आपका खाता रोका गया है, इसलिए अभी आप रेफ़रल से कमाई या निकासी नहीं कर सकते। कृपया सहायता से संपर्क करें।',
  slowDown: 'आप बहुत तेज़ी से संदेश भेज रहे हैं — कृपया थोड़ा रुकें।',
  apology: 'माफ़ कीजिए, हमारी तरफ़ कुछ गड़बड़ हो गई। कृपया एक मिनट में फिर से कोशिश करें — आपका पैसा और कमाई सुरक्षित है।',
  serviceDown: 'माफ़ कीजिए, अभी हमारी सेवा से संपर्क नहीं हो पा रहा। कृपया एक मिनट में फिर से कोशिश करें — आपका पैसा और कमाई सुरक्षित है।',
  errors: {
    BELOW_MINIMUM: (d) => `यह न्यूनतम निकासी${typeof d.minimum === 'number' ? ` (${rupees(d.minimum)})` : ''} से कम है।`,
    INSUFFICIENT_FUNDS: (d) =>
      `आपके पास इतनी राशि उपलब्ध नहीं है${typeof d.available === 'number' ? ` (उपलब्ध: ${rupees(Math.max(d.available, 0))})` : ''}।`,
    WITHDRAWALS_DISABLED: () => 'निकासी अभी रुकी हुई है। कृपया बाद में फिर से कोशिश करें।',
    USER_BLOCKED: () => 'आपका खाता रोका गया है, इसलिए यह संभव नहीं है। कृपया सहायता से संपर्क करें।',
    OPEN_REQUEST_EXISTS: () => 'आपका एक निकासी अनुरोध पहले से चल रहा है। उसके भुगतान के बाद आप नया अनुरोध कर सकते हैं।',
    VALIDATION_FAILED: () => 'इस अनुरोध में कुछ सही नहीं था। कृपया जाँचकर फिर से कोशिश करें।',
    IDEMPOTENCY_MISMATCH: () => 'यह ऑर्डर पहले अलग तरह से बना था। कृपया फिर से /buy भेजें।',
    NOT_FOUND: () => 'आपका खाता नहीं मिला। कृपया पहले /start भेजें।',
    BAD_USER_INPUT: () => 'यह अनुरोध सही नहीं था। कृपया जाँचकर फिर से कोशिश करें।',
    FORBIDDEN: () => 'आपके खाते के लिए अभी यह संभव नहीं है।',
    CONFLICT: () => 'यह पहले से चल रही किसी चीज़ से टकराता है। कृपया थोड़ी देर में फिर से कोशिश करें।',
  },
  commands: {
    start: 'आपका रेफ़रल लिंक और नियम',
    buy: 'प्लान खरीदें',
    wallet: 'आपका बैलेंस',
    referrals: 'आपके लिंक से जुड़े लोग',
    history: 'वॉलेट की पिछली एंट्री',
    withdraw: 'UPI आईडी पर निकासी',
    help: 'मैं क्या कर सकता हूँ',
    cancel: 'जो चल रहा है उसे रोकें',
  },
};

/** Every text the bot sends, in each language: the one catalogue. */
export const TEXTS: Record<Language, Catalogue> = { en, hi };
