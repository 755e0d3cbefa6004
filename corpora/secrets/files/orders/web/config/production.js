'use strict';

module.exports = {
  service: 'identity',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_510E4y1UwnH37fes35UNQWLISn2JZX3dKav1Qv4sYN4JmxaRA5k61EwSWlvmKVKDbFg3t76ilNYxYqWDdVHTbecXBpTPxxiIc6i',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJGQoeHI8tGoBwowFhMcvd43a-mHLD6Etrb42QLDJR.WoJZ7qj5YXiWJOpSTNQszc',
  },
  recaptcha: {
    siteKey: '6LcS1c52b30NUgrB9rRWdeMR19YDxs_lH0IGk-rB',
  },
  sentry: {
    dsn: 'https://2ad8a966b421fce276da0af249049825@o692342.ingest.sentry.io/4534526',
  },
  pineconeapikey: 'pcsk_AirpUH_6rTbFvZrbYOdO6DkPVGsSMwMoWESYkAUloD2MXhFArTP0BRkHRq86KlTmf7ucJg',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: '22a0210b7d059c1fee20',
};
