/* Vitrines — merchant space. Every form works without this script; it only adds comfort:
   a busy label while a slow check runs, the delivery fields shown only when needed, and
   copying Monday's hours to the other weekdays. */
(function () {
  'use strict';

  // A connection test or detection can take several seconds: say so, and avoid double posts.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter || form.querySelector('button[type="submit"]');
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    if (!button) return;
    form.dataset.sending = '1';
    var busy = button.getAttribute('data-busy') || form.getAttribute('data-busy');
    if (busy) {
      button.dataset.label = button.textContent;
      button.textContent = busy;
      button.setAttribute('aria-disabled', 'true');
    }
    form.setAttribute('aria-busy', 'true');
  });

  // Back to a page kept in memory: its forms are usable again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-sending]').forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute('aria-busy');
      form.querySelectorAll('button[data-label]').forEach(function (b) {
        b.textContent = b.dataset.label;
        b.removeAttribute('aria-disabled');
      });
    });
  });

  // Delivery details only when "je livre" is ticked.
  var delivery = document.getElementById('deliveryEnabled');
  var deliveryFields = document.querySelector('[data-delivery]');
  if (delivery && deliveryFields) {
    var sync = function () {
      deliveryFields.hidden = !delivery.checked;
    };
    delivery.addEventListener('change', sync);
    sync();
  }

  // Monday's hours onto Tuesday–Saturday, for the many shops with the same week.
  var copy = document.querySelector('[data-copy-hours]');
  if (copy) {
    copy.closest('.js-only').hidden = false;
    copy.addEventListener('click', function () {
      var days = ['mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
      document.querySelectorAll('[data-day="lundi"] input[type="time"]').forEach(function (input) {
        days.forEach(function (day) {
          var target = document.getElementById(input.id.replace('_lundi_', '_' + day + '_'));
          if (target) target.value = input.value;
        });
      });
      var status = document.getElementById('copie-statut');
      if (status) status.textContent = 'Horaires du lundi recopiés du mardi au samedi.';
    });
  }
})();
