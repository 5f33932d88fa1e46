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
#include "kith-agenda-store.h"
