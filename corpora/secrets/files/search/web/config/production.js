'use strict';

module.exports = {
  service: 'payroll',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51efHcqy7jK2wtcqFKKaUV3hKwBn4mrC6GyDONUmvEschRGcasYIjF3e1tKzU90YPneGLoCXX9LU3ApAspeb3OXodlQJ08IQM4E',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ61c_1h0B1DVL3kyT162HvybPzqApVsxxBUb6_uTl.F9j-0qUmZjCvLDLZjCe8-I',
  },
  recaptcha: {
    siteKey: '6LcG4hBu4JQxE39lFbFbp4F9BgNNOLD54rGFiz0C',
  },
  sentry: {
    dsn: 'https://206b41daf5ff57887baa0d5432e3de9b@o130983.ingest.sentry.io/1704049',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: '21175f7af5c2e3a41d7d',
};
