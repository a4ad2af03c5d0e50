/**
 * The verification Mini App: one small page and its script, no CDN. Telegram opens a Mini App
 * with its launch parameters in the URL hash (`#tgWebAppData=<initData>&tgWebAppVersion=…`), so
 * the page needs no telegram-web-app.js: it reads initData from there (or from
 * Telegram.WebApp.initData when the host injected it), keeps a random device id in the
 * webview's storage, and posts both to ./verify. The script is a file of its own so a
 * Content-Security-Policy without 'unsafe-inline' still allows it.
 */
export const MINIAPP_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verification</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 32px 20px; text-align: center;
         background: var(--bg, #ffffff); color: var(--fg, #1c1c1e); }
  .icon { font-size: 56px; line-height: 1; margin-bottom: 16px; }
  p { font-size: 17px; line-height: 1.45; max-width: 420px; margin: 0 auto; }
</style>
</head>
<body>
<div class="icon" id="icon">⏳</div>
<p id="message">Checking your device…</p>
<script src="app.js"></script>
</body>
</html>
`;

export const MINIAPP_SCRIPT = `(function () {
  'use strict';
  var TEXTS = {
    en: {
      checking: 'Checking your device…',
      verified: 'Done! Your device is verified. You can close this page and go back to the bot.',
      refused: 'We could not verify this device. Please open this page again from the button in the bot.',
      unknown: 'Please send /start to the bot first, then open this page again.',
      outside: 'Please open this page from the button in the Telegram bot.',
      offline: 'We could not reach the server. Please check your connection and try again.'
    },
    hi: {
      checking: 'आपके डिवाइस की जाँच हो रही है…',
      verified: 'हो गया! आपका डिवाइस सत्यापित हो गया है। आप यह पेज बंद करके बॉट पर लौट सकते हैं।',
      refused: 'हम इस डिवाइस को सत्यापित नहीं कर सके। कृपया बॉट के बटन से यह पेज फिर से खोलें।',
      unknown: 'कृपया पहले बॉट को /start भेजें, फिर यह पेज दोबारा खोलें।',
      outside: 'कृपया यह पेज Telegram बॉट के बटन से खोलें।',
      offline: 'सर्वर से संपर्क नहीं हो सका। कृपया अपना कनेक्शन जाँचें और फिर से कोशिश करें।'
    }
  };
  var launch = new URLSearchParams(window.location.hash.slice(1));
  var webApp = window.Telegram && window.Telegram.WebApp;
  var initData = launch.get('tgWebAppData') || (webApp && webApp.initData) || '';
  var language = 'en';
  try {
    var user = JSON.parse(new URLSearchParams(initData).get('user') || '{}');
    if (String(user.language_code || navigator.language || '').toLowerCase().indexOf('hi') === 0) language = 'hi';
  } catch (ignored) {}
  try {
    var theme = JSON.parse(launch.get('tgWebAppThemeParams') || '{}');
    if (theme.bg_color) document.body.style.setProperty('--bg', theme.bg_color);
    if (theme.text_color) document.body.style.setProperty('--fg', theme.text_color);
  } catch (ignored) {}
  var t = TEXTS[language];
  function show(icon, text) {
    document.getElementById('icon').textContent = icon;
    document.getElementById('message').textContent = text;
  }
  function deviceId() {
    var key = 'ott-device-id';
    var id = null;
    try { id = window.localStorage.getItem(key); } catch (ignored) {}
    if (!id) {
      if (window.crypto && window.crypto.randomUUID) id = window.crypto.randomUUID();
      else {
        var bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        id = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      }
      try { window.localStorage.setItem(key, id); } catch (ignored) {}
    }
    return id;
  }
  document.documentElement.lang = language;
  show('⏳', t.checking);
  if (!initData) { show('ℹ️', t.outside); return; }
  fetch('verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ initData: initData, deviceId: deviceId() }) })
    .then(function (response) {
      if (response.ok) show('✅', t.verified);
      else if (response.status === 404) show('ℹ️', t.unknown);
      else show('⚠️', t.refused);
    })
    .catch(function () { show('⚠️', t.offline); });
  if (webApp && webApp.ready) webApp.ready();
})();
`;
