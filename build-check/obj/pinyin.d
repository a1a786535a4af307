build-check/obj/pinyin.o: src/pinyin.c src/pinyin.h
src/pinyin.h:
