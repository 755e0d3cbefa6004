'use strict';

module.exports = {
  service: 'analytics',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51dTqr6C9QwnY55E7Jf6G6lJlzCifglcaJ4xabr9PaqQ86wuE3UQz8LSjzG9hfNEDosqxjlwoeaKrAF4hoEGl83ZdaCFF6HUNM3',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ7JiRrLhCy4RxRwNYqwtKuzQuhmaIahXBziJFhNZU.xhzyPA-RjD90ZQEuXIZ41g',
  },
  recaptcha: {
    siteKey: '6Lc2YnzfcW9--JM6klEvTvPaNbQKfgSOgZ6UTz8w',
  },
  sentry: {
    dsn: 'https://6259033a25f8d911ca9d8f03a0895f0c@o426961.ingest.sentry.io/3761422',
  },
  slackbottoken: 'xoxb-269088692492-9444754908384-3R8DnowPAqI0ecO8j3xf4QLO',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: 'NCARtleLY2OnYd0V0avSmMZPt9bfgnhRdI2EoB0d',
  },
  buildId: '66c5f6a35f95eee8b5b6',
};
