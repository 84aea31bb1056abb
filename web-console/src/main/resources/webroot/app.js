fetch('/api/health').then(r => r.json()).then(h => {
  document.getElementById('status').textContent =
    'Käynnissä · Running — rule set ' + h.ruleSetVersion.substring(0, 12);
}).catch(() => {
  document.getElementById('status').textContent = 'Palvelimeen ei saada yhteyttä · The server does not answer';
});
