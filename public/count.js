/* The comment step only: a live count of the characters left. Without it the page states the
   limit, and maxlength holds it. A screen reader hears the count once typing pauses, not at
   every key. Plain ES5, from self. */
(function () {
  'use strict';
  var box = document.querySelector('textarea[data-left]');
  if (!box) return;
  var max = Number(box.getAttribute('maxlength'));
  var shown = document.getElementById(box.getAttribute('data-count'));
  var spoken = document.getElementById(box.getAttribute('data-count') + '-live');
  var template = box.getAttribute('data-left');
  var pause = null;
  function text() { return template.replace('{n}', String(Math.max(0, max - box.value.length))); }
  function update() {
    shown.textContent = text();
    clearTimeout(pause);
    pause = setTimeout(function () { spoken.textContent = text(); }, 1000);
  }
  shown.setAttribute('aria-hidden', 'true');
  box.addEventListener('input', update);
  shown.textContent = text();
})();
