'use strict';

module.exports = {
  service: 'payroll',
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY,
    publishableKey: 'pk_live_51cABU9ToKTaVRYMi89GWYK71fWLdnNOE8FfXx3t8Msp7yYBCDac0AzkjRcKw0hed9RJPGhfS4sUglkQbGF1Awy06B9TllQpZy1',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJm72_q1kgDoFvkAHRvGb9wF_umLEArGtEL_yC3mAh.sKSjF9ADj-EYCALNMqXPu0',
  },
  recaptcha: {
    siteKey: '6Lcpom6Nn0ChgYRujBLS6X2wWqKMpXSitfM8Tbj2',
  },
  sentry: {
    dsn: 'https://369b72f40565149e5e6c4f961d9fb88c@o839448.ingest.sentry.io/1379095',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: 'c2215065cfc2ef51cfa0',
};
