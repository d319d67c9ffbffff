// /mentors/: filter the mentor schools by municipality, direction and free places.
// Plain JavaScript, no build step. Without JavaScript the form stays hidden and every card
// shows; the cards carry what the filters compare (data-municipality, data-directions,
// data-free), all computed by the generator.
(function () {
  'use strict';

  var form = document.getElementById('mentor-filters');
  var status = document.getElementById('mentor-count');
  if (!form || !status) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll('.mentor-card'));
  var municipality = document.getElementById('mentor-municipality');
  var direction = document.getElementById('mentor-direction');
  var free = document.getElementById('mentor-free');

  function matches(card) {
    if (municipality.value && card.getAttribute('data-municipality') !== municipality.value) return false;
    if (direction.value) {
      var codes = (card.getAttribute('data-directions') || '').split(' ');
      if (codes.indexOf(direction.value) < 0) return false;
    }
    if (free.checked && !(Number(card.getAttribute('data-free')) > 0)) return false;
    return true;
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card);
      card.hidden = !ok;
      if (ok) shown++;
    });
    // "школ: N" reads right for any N, so no plural rules are needed here.
    status.textContent = 'Показано школ: ' + shown + ' из ' + cards.length + '.';
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
