/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-agenda-model.h"

G_BEGIN_DECLS

JsonObject *kith_agenda_model_to_json (KithAgendaModel *agenda);

G_END_DECLS
