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
#include "kith-record.h"
#include "kith-record-entry.h"
#include "kith-person.h"
#include "kith-company.h"
#include "kith-deal.h"
#include "kith-record-store.h"
