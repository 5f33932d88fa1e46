/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-record.h"
#include "kith-record-store.h"

G_BEGIN_DECLS

/**
 * KithRecordSavedFunc:
 * @owner: the widget that asked
 * @record: the record saved
 * @error: (nullable): why the store refused it, or %NULL when saved
 * @where: what the widget said the change was made at
 * @text: (nullable): what was typed there
 *
 * What a widget does once a change it asked for is saved or refused.
 */
typedef void (*KithRecordSavedFunc) (gpointer      owner,
                                     KithRecord   *record,
                                     const GError *error,
                                     gpointer      where,
                                     const char   *text);

void kith_record_save (KithStore           *store,
                       KithRecord          *record,
                       gpointer             owner,
                       GCancellable        *owner_alive,
                       gpointer             where,
                       GDestroyNotify       where_free,
                       const char          *text,
                       KithRecordSavedFunc  done);

G_END_DECLS
