/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-store.h"

/*
 * Mail capture's side of the store: the rules, with no IMAP in sight. The capture service
 * (src/services/mail/kith-mail-capture.c) reads folders with Camel and hands each message's headers
 * to kith_store_mail_index(); the store decides direction, who is a coworker, who gets created
 * and which messages go on the timeline.
 */

#include "kith-inbox.h"
#include "kith-mail-index.h"
#include "kith-mail-log.h"
#include "kith-mail-settings.h"
#include "kith-outbox.h"
#include "kith-outbox-queue.h"
#include "kith-signatures.h"
