// PLACEHOLDER by edsrv; edui replaces it. The token is in the page address.
"use strict";
