'use strict';

module.exports = {
  service: 'reports',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51WKHLDWTIKkQRn5R4S8TLtNnJYFpEt0698TxY9z5mUs7ouLxsb3PN9kXLvAOY8N3lKmtue2s0KAxBYkaHI3vujYQbvy7WFTY9A',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ_rdt1ybKKGnXnPbM5FBxysjFWVXFdICFks5if6Ze.pJn7vo995NUeWlqPOhWzMq',
  },
  recaptcha: {
    siteKey: '6LcjiFRUJkfrcHBa98fkzQ6eZXM4sQvU9QaRkkCR',
  },
  sentry: {
    dsn: 'https://b937446cf6d66680aaa0b94221e434b5@o998513.ingest.sentry.io/6405853',
  },
  buildkiteapitoken: 'bkua_317484ea08b2e4cfd2ad72119ea1662e309071a9',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: '844a1b28007615bba04f',
};
