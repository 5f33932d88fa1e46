/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-record-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_PARTICIPANT_CHIP (kith_participant_chip_get_type ())
G_DECLARE_FINAL_TYPE (KithParticipantChip, kith_participant_chip, KITH, PARTICIPANT_CHIP, GtkButton)

GtkWidget      *kith_participant_chip_new      (KithRecordItem      *item);
KithRecordItem *kith_participant_chip_get_item (KithParticipantChip *self);

G_END_DECLS
