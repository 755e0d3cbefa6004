'use strict';

module.exports = {
  service: 'ledger',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51RIpQxRnYHEEKtuR0cOefqvdvK4gJJV5TIkmfCaP0ozjHRf7638Afj6SuPKLgOeIktFxW61CEEObDzZoIdXTyAp5PqHkrQOnrA',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJfqAZY729OZtgC1wD3g4iAZnL2EDglprBvNKHG3nj.3opKetJWOtUtaOOSRUuerH',
  },
  recaptcha: {
    siteKey: '6LcVelN-_dqZF7B8ku6yTcAhpUxAEdso2Td57jay',
  },
  sentry: {
    dsn: 'https://5d15e8f58789e7b10c25fcf4fd91abf7@o563536.ingest.sentry.io/4457956',
  },
  ghtoken: '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',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: 'K1-f8W_RLtUW7qZ8oHqNyju-EFbHltsM1Op6wwCX',
  },
  buildId: 'f4657d16406434154648',
};
