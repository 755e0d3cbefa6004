'use strict';

module.exports = {
  service: 'payroll',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51QWaXpBj4Wlxe6trCViEhJvc8ch41dLYgJfcJSbhDsA5qSCQDpTto9XUpUqrevEDKa3niTM2h320LH80HIOnZ1R6afdfm07oGE',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJLdXtqVwV5sYjSvEHyylLlt-o1hkVGNVbQjgUv-nw.IzfL4WyI4f1DGEKlgCKQbk',
  },
  recaptcha: {
    siteKey: '6Lcc5zajOYl8vUtd2q9Jv8gC5wQEuRq3gqu_4ovS',
  },
  sentry: {
    dsn: 'https://44a31683f6e0426e220a5e19135abf14@o435044.ingest.sentry.io/2394406',
  },
  githubtoken: 'ghu_sLBnAPfSXEUtUtY4jfRBymKlZoMfVi0Mv6LU',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: 'F6LQkUm2hVXPjVdKq_hrxewJFJK4lpyOZSITiT97',
  },
  buildId: '8a974c4e589c66d625b8',
};
