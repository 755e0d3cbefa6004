'use strict';

module.exports = {
  service: 'crm',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51g501oeCv19gNg5QN1BseFRBKkKGWmKvOLEpPhXd4sObgN1plkEmBmlDMEXsyyfL7ne891GF0eMSJsyEntqSU0qnyaL9LOBag6',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJQvfh6G_IPk3CnSiMOHqZkUzdPNPeJBFHPLFFN8Bd.5LndPfV8bMTsrCeNAWTq6y',
  },
  recaptcha: {
    siteKey: '6LcUr0DwGNtPwFKlsNv4BDHP9q_AxZZJOEG80cZX',
  },
  sentry: {
    dsn: 'https://a8d3219efe3b31617f89939b5fc860da@o076454.ingest.sentry.io/4319162',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: 'fd6c8939a90c929b9e0a',
};
