/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-types.h"
#include "kith-enums.h"
#include "kith-store.h"
#include "kith-synckey.h"
#include "kith-relationship.h"
#include "kith-query.h"
#include "kith-demo.h"
#include "kith-agenda.h"
#include "kith-files.h"
#include "kith-mail.h"
#include "kith-message.h"
#include "kith-timeline-item.h"
#include "kith-inbox-store.h"
#include "kith-timeline-store.h"
#include "kith-inbox-model.h"
#include "kith-timeline-model.h"
