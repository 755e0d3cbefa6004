'use strict';

module.exports = {
  service: 'ledger',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_512UrStJbHd2iPgSo0bTfzsYqGrtNg9aL0uJ2oU2SgH3sKfjrEJ2vynIInup3T0jFFy0vWg6eZZKp7QFfXYj8AzLcBrlC0vBkbF',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJdvHI603ggXh13H25ocVv4uQj_QMnQsqnrzOkl-H8.3_s0K6uimSPEJzzOT3YQ9x',
  },
  recaptcha: {
    siteKey: '6Lc7CVA6Mffrc4ghNpMVLY0XGmogd6qbFhP4IXMB',
  },
  sentry: {
    dsn: 'https://7f74bafa1dfc13990222e9cf4ea1f901@o200615.ingest.sentry.io/2736318',
  },
  plaidaccesstoken: 'access-production-27b2c895-c869-4df3-af59-cce23f745e1a',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: '8yhvifapdrxEGXozmwaAm4PNOB4qgtPGvcA-sU74',
  },
  buildId: 'fb9e1c9413f633d11424',
};
